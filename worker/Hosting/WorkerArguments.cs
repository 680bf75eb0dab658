using System.Globalization;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// What the supervisor tells a worker on its command line. A worker reads no configuration file
/// and no environment variable of ours: everything it needs arrives here, and its secret on
/// stdin. Nothing here names the session (bound later, by Initialize), and every path is as the
/// worker sees it, which inside a sandbox differs from the supervisor's view.
/// </summary>
/// <param name="Endpoint">Where to listen: <c>unix:/abs/path.sock</c> or <c>pipe:name</c>.</param>
/// <param name="ScratchDirectory">The worker's writable scratch directory (TMPDIR).</param>
/// <param name="ProtocolVersion">The protocol version the supervisor speaks.</param>
/// <param name="MaxMessageBytes">Largest gRPC message accepted or sent.</param>
/// <param name="ReleaseMemoryAfterBytes">
/// Request and answer bytes of an Inference after which the worker gives the call's memory back
/// (<see cref="Tensors.LargeCallMemory"/>); 0 never does.
/// </param>
/// <param name="ReleaseMemoryQuietMilliseconds">How long the worker must run no Inference before it gives that memory back.</param>
internal sealed record WorkerArguments(
    string Endpoint,
    string ScratchDirectory,
    int ProtocolVersion,
    int MaxMessageBytes,
    long ReleaseMemoryAfterBytes = 0,
    int ReleaseMemoryQuietMilliseconds = WorkerArguments.DefaultReleaseMemoryQuietMilliseconds)
{
    public const string Usage =
        "usage: Cuvis.Sandbox.Worker --endpoint unix:<path>|pipe:<name> --scratch-dir <dir> --protocol <n> "
        + "[--max-message-bytes <n>] [--release-memory-after-bytes <n>] [--release-memory-quiet-ms <n>], with the supervisor's secret as the first line of stdin";

    /// <summary>The quiet period when the supervisor names none.</summary>
    public const int DefaultReleaseMemoryQuietMilliseconds = 5000;

    /// <summary>Gets <see cref="ReleaseMemoryQuietMilliseconds"/> as a span of time.</summary>
    public TimeSpan ReleaseMemoryQuietPeriod => TimeSpan.FromMilliseconds(ReleaseMemoryQuietMilliseconds);

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{name}'. {Usage}");
            }

            values[name[2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new ArgumentException($"Missing --{name}. {Usage}");

        int Integer(string name, string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} must be a positive integer, got '{text}'.");

        long NonNegative(string name, string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"--{name} must be 0 or a positive integer, got '{text}'.");

        var endpoint = Required("endpoint");
        if (!endpoint.StartsWith("unix:", StringComparison.Ordinal) && !endpoint.StartsWith("pipe:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--endpoint must start with 'unix:' or 'pipe:', got '{endpoint}'.");
        }

        var scratch = Required("scratch-dir");
        if (!Path.IsPathFullyQualified(scratch))
        {
            throw new ArgumentException($"--scratch-dir must be an absolute path, got '{scratch}'.");
        }

        return new WorkerArguments(
            Endpoint: endpoint,
            ScratchDirectory: scratch,
            ProtocolVersion: Integer("protocol", Required("protocol")),
            MaxMessageBytes: values.TryGetValue("max-message-bytes", out var max)
                ? Integer("max-message-bytes", max)
                : 64 * 1024 * 1024,
            ReleaseMemoryAfterBytes: values.TryGetValue("release-memory-after-bytes", out var release)
                ? NonNegative("release-memory-after-bytes", release)
                : 0,
            ReleaseMemoryQuietMilliseconds: values.TryGetValue("release-memory-quiet-ms", out var quiet)
                ? Integer("release-memory-quiet-ms", quiet)
                : DefaultReleaseMemoryQuietMilliseconds);
    }
}
