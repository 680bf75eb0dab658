using System.Globalization;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Supervisor.Profiling;

/// <summary>
/// A session's per-node profile (upstream's SetProfiling / GetProfilingSummary). The times are
/// measured inside the worker, around each node's Forward, and arrive with every Inference answer
/// in its <c>cuvis-node-micros</c> trailer; they are gathered here, in the supervisor, so a
/// worker's crash and the session's recovery keep them. Loading another pipeline starts a new
/// profile, since its nodes are other nodes.
/// </summary>
/// <remarks>
/// The trailer comes from plugin-run code's process, so it is read as untrusted: entries that are
/// not <c>identifier=microseconds</c> are skipped, and at most <see cref="MaxNodes"/> nodes are
/// profiled. A worker lying about its times only misleads its own session's profile. Nodes the
/// worker could not fit into the trailer (pipelines of hundreds of nodes) are not profiled.
/// </remarks>
internal sealed class SessionProfiling
{
    /// <summary>The most nodes one session profiles; later names are ignored.</summary>
    public const int MaxNodes = 1024;

    private const int MaxNodeNameLength = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeTimings> _nodes = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private bool _enabled;
    private int _skipRemaining;

    public bool Enabled
    {
        get
        {
            lock (_lock)
            {
                return _enabled;
            }
        }
    }

    /// <summary>Turns collection on or off; <paramref name="reset"/> forgets what was gathered, and the next <paramref name="skipFirst"/> Inference calls (warm-up) are not counted.</summary>
    public void Configure(bool enabled, bool reset, int skipFirst)
    {
        lock (_lock)
        {
            _enabled = enabled;
            _skipRemaining = skipFirst;
            if (reset)
            {
                Clear();
            }
        }
    }

    /// <summary>A new pipeline was loaded: the profile of the old one's nodes is dropped.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            Clear();
        }
    }

    /// <summary>Counts one Inference's trailer <paramref name="key"/>: <paramref name="value"/>, if it is the node times and profiling is on.</summary>
    public void Observe(string key, string value)
    {
        if (key != WorkerProtocol.NodeTimesTrailer)
        {
            return;
        }

        lock (_lock)
        {
            if (!_enabled)
            {
                return;
            }

            if (_skipRemaining > 0)
            {
                _skipRemaining--;
                return;
            }

            foreach (var entry in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals is <= 0 or > MaxNodeNameLength
                    || !IsIdentifier(entry.AsSpan(0, equals))
                    || !long.TryParse(entry.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                {
                    continue;
                }

                var name = entry[..equals];
                if (!_nodes.TryGetValue(name, out var timings))
                {
                    if (_nodes.Count >= MaxNodes)
                    {
                        continue;
                    }

                    _nodes.Add(name, timings = new NodeTimings());
                    _order.Add(name);
                }

                timings.Add(micros / 1000.0);
            }
        }
    }

    /// <summary>Every profiled node, in the order first seen (the pipeline's execution order).</summary>
    public IReadOnlyList<NodeProfilingStats> Summary()
    {
        lock (_lock)
        {
            return [.. _order.Select(name => Stats(name, _nodes[name]))];
        }
    }

    private static NodeProfilingStats Stats(string name, NodeTimings timings) => new()
    {
        NodeName = name,
        Stage = ExecutionStage.Inference,
        Count = timings.Count,
        MeanMs = timings.MeanMs,
        MedianMs = timings.MedianMs(),
        StdMs = timings.StdMs,
        MinMs = timings.MinMs,
        MaxMs = timings.MaxMs,
        TotalMs = timings.TotalMs,
        LastMs = timings.LastMs,
    };

    private static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private void Clear()
    {
        _nodes.Clear();
        _order.Clear();
    }
}
