using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// What the attack test classes share (a fixture of the <see cref="SharedPlugins"/> collection,
/// started by the first of them): a real supervisor that takes plugins from the shared cache and
/// local plugins from <see cref="Allowed"/> and the shared repositories only, a healthy session
/// calling beside the attacks, and that session's baseline latency, measured before the first
/// attack. <see cref="AttackAsync"/> runs an attack for at least <see cref="MinimumWindow"/>
/// (again and again when it is quicker), waits for the supervisor's next counter summary, writes
/// the attack's row to the report, and asserts that the healthy session failed no call, that no
/// worker crashed, that no request bytes stayed reserved and that the supervisor is still up.
/// </summary>
public sealed partial class AttackBench : IAsyncLifetime
{
    private static readonly TimeSpan BaselineWindow = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(0.75);

    private readonly SharedSupervisor _server = new();
    private string? _attackSession;

    internal TempDirectory Runtime => _server.Runtime;

    internal TempDirectory Work => _server.Work;

    /// <summary>The one directory of <see cref="Work"/> that Plugins:LocalRoots allows (beside the shared repositories).</summary>
    internal string Allowed => _server.Work.Combine("allowed");

    internal SupervisorProcess Supervisor { get; private set; } = null!;

    internal HealthySession Healthy { get; private set; } = null!;

    internal LatencySummary Baseline { get; private set; } = null!;

    /// <summary>Starts the supervisor and the healthy session once; later calls only redirect its log to <paramref name="output"/>.</summary>
    internal async Task StartOnceAsync(ITestOutputHelper output, SharedPlugins plugins)
    {
        Directory.CreateDirectory(Allowed);
        Supervisor = await _server.StartOnceAsync(output,
            plugins.CacheArgument, "--Diagnostics:SummaryInterval=00:00:01", "--Sessions:MaxSessions=32",
            "--Plugins:LocalRoots:0=" + Allowed, "--Plugins:LocalRoots:1=" + plugins.Directory.Path);
        var healthy = await _server.OnceAsync(async supervisor =>
        {
            var session = await HealthySession.StartAsync(supervisor);
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(BaselineWindow);
            var baseline = session.Between(start, Stopwatch.GetTimestamp());
            output.WriteLine($"Baseline of the healthy session over {BaselineWindow.TotalSeconds} s: {baseline}");
            return new MeasuredSession(session, baseline);
        });
        (Healthy, Baseline) = (healthy.Session, healthy.Baseline);
    }

    /// <summary>A session of its own for the attacks, with a builtin pipeline (norm: MinMaxNormalizer) loaded.</summary>
    internal async Task<string> AttackSessionAsync()
    {
        if (_attackSession is null)
        {
            _attackSession = await Supervisor.CreateSessionAsync();
            await Supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
            {
                SessionId = _attackSession,
                Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes: [{name: norm, class: MinMaxNormalizer}]") },
            }, deadline: DateTime.UtcNow.AddMinutes(1));
        }

        return _attackSession;
    }

    /// <summary>Runs <paramref name="attack"/>, which checks its own outcome and describes it, and reports it.</summary>
    /// <param name="output">The test's output, for the row as it is written.</param>
    /// <param name="name">The attack, as the report names it.</param>
    /// <param name="attack">Runs the attack, asserts its outcome, and says what it was.</param>
    /// <param name="repeat">Run it again until <see cref="MinimumWindow"/> has passed, so the healthy session's latency is measured under it.</param>
    internal async Task AttackAsync(ITestOutputHelper output, string name, Func<Task<string>> attack, bool repeat = true)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await attack();
        var runs = 1;
        while (repeat && Stopwatch.GetElapsedTime(start) < MinimumWindow)
        {
            await attack();
            runs++;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var counters = await NextSummaryAsync();
        var during = Healthy.Between(start, Stopwatch.GetTimestamp());
        output.WriteLine($"{name}: {outcome} ({runs} run(s) in {elapsed.TotalSeconds:0.0} s); healthy session: {during}; baseline: {Baseline}");
        AttackReport.Append(name, outcome, during, Baseline);

        Healthy.Failures.Should().BeEmpty("the healthy session must answer every call while '{0}' runs", name);
        Supervisor.HasExited.Should().BeFalse("the supervisor stays up");
        counters.Should().Contain("crashed", 0, "no worker crashes on malformed input").And.Contain("in_flight_bytes", 0, "every refused or cut request gave its bytes back");
    }

    /// <summary>The status and message of a call that must fail.</summary>
    internal static async Task<(StatusCode Status, string Detail)> FailureOfAsync(Func<Task> call)
    {
        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        return (error.StatusCode, error.Status.Detail);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync();

    /// <summary>
    /// The counters of the first summary line (one a second) logged from now on that shows no
    /// request bytes reserved, or of the last one within ten seconds: a call cut short is ended by
    /// the server a moment after the client gave up on it.
    /// </summary>
    private async Task<Dictionary<string, long>> NextSummaryAsync()
    {
        var seen = Supervisor.LogCount("Summary: ");
        Dictionary<string, long> counters = [];
        for (var attempt = 0; attempt < 10 && counters.GetValueOrDefault("in_flight_bytes", -1) != 0; attempt++)
        {
            (await ProcessTable.WaitUntilAsync(() => Supervisor.LogCount("Summary: ") > seen, TimeSpan.FromSeconds(30)))
                .Should().BeTrue("the supervisor logs its counters every second");
            seen = Supervisor.LogCount("Summary: ");
            var line = Supervisor.Log.Split('\n').Last(l => l.Contains("Summary: ", StringComparison.Ordinal));
            counters = Counter().Matches(line).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return counters;
    }

    [GeneratedRegex(@"(\w+)=(\d+)")]
    private static partial Regex Counter();

    /// <summary>The healthy session and its latency before any attack; stopped before the shared supervisor.</summary>
    private sealed record MeasuredSession(HealthySession Session, LatencySummary Baseline) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Session.DisposeAsync();
    }
}
