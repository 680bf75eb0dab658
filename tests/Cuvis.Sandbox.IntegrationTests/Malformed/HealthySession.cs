using System.Collections.Concurrent;
using System.Diagnostics;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// A healthy session beside the attacks: a builtin MinMaxNormalizer pipeline (no plugin, so any
/// supervisor can host it) called in a loop, every call timed, every call that did not answer
/// correctly remembered. The attacks' report reads its latencies window by window.
/// </summary>
internal sealed class HealthySession : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);
    private static readonly float[] Cube = [.. Enumerable.Range(0, 12).Select(i => (float)i)];

    private readonly SupervisorProcess _supervisor;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<LatencySample> _samples = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private Task _loop = Task.CompletedTask;

    private HealthySession(SupervisorProcess supervisor, string id)
    {
        _supervisor = supervisor;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Calls that failed or answered wrongly, with when and why.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public static async Task<HealthySession> StartAsync(SupervisorProcess supervisor)
    {
        var id = await supervisor.CreateSessionAsync();
        await supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = id,
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes: [{name: norm, class: MinMaxNormalizer}]") },
        }, deadline: DateTime.UtcNow.AddMinutes(1));
        var session = new HealthySession(supervisor, id);
        await session.CallAsync();
        session._failures.Should().BeEmpty("the healthy session answers before any attack");
        session._loop = Task.Run(session.LoopAsync);
        return session;
    }

    /// <summary>The calls that started between two <see cref="Stopwatch"/> timestamps.</summary>
    public LatencySummary Between(long start, long end) => LatencySummary.Of([.. _samples.Where(s => s.StartedAt >= start && s.StartedAt <= end)]);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(90));
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await CallAsync();
            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>True when <paramref name="values"/> are the cube 0..11 min-max normalised.</summary>
    public static bool IsNormalized(IReadOnlyList<float> values) =>
        values.Count == Cube.Length && values.Select((v, i) => Math.Abs(v - (Cube[i] / 11.0))).All(error => error < 1e-6);

    private async Task CallAsync()
    {
        var cube = PipelineSession.Wire(Cube, 1, 2, 2, 3);
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var response = await _supervisor.Client.InferenceAsync(
                new InferenceRequest { SessionId = Id, Inputs = new InputBatch { ExtraInputs = { ["data"] = cube } } },
                deadline: DateTime.UtcNow.AddSeconds(60));
            var normalized = PipelineSession.Values<float>(response.Outputs["norm.normalized"]);
            failed = !IsNormalized(normalized);
            if (failed)
            {
                _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} wrong answer: {string.Join(", ", normalized)}");
            }
        }
        catch (RpcException e)
        {
            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.StatusCode}: {e.Status.Detail}");
        }

        _samples.Enqueue(new LatencySample(started, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed));
    }
}

/// <summary>One call of the healthy session: when it started (a <see cref="Stopwatch"/> timestamp), how long it took, whether it failed.</summary>
internal readonly record struct LatencySample(long StartedAt, double Milliseconds, bool Failed);
