using System.Globalization;
using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A hostile plugin (tests/plugins/Hostile) tries one forbidden thing at a time in a session next
/// to a healthy one that keeps running inference. Each attempt is stopped, which the tests check
/// from outside wherever they can (files, listeners, the process table); the healthy session
/// answers every call; the supervisor stays up; closing the hostile sessions leaves nothing
/// behind. Every test ends in <see cref="FinishAsync"/>, which records its attacks in the
/// <see cref="HostileMatrix"/>.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed partial class HostilePluginTests(ITestOutputHelper output, SharedPlugins fixture)
    : ContainmentTest(output)
{
    /// <summary>The largest message, small enough that a plugin's output can exceed it within its memory limit.</summary>
    internal const long MaxMessageBytes = 64L << 20;

    private static readonly TimeSpan LeftoverWait = TimeSpan.FromSeconds(15);

    private readonly SharedPlugins _fixture = fixture;
    private readonly List<HostileSession> _sessions = [];
    private SupervisorProcess _supervisor = null!;
    private PluginRepository _hostilePlugin = null!;
    private Bystander _healthy = null!;
    private HostileSession _hostile = null!;

    // What the healthy session holds alone (its directories, socket, cgroup): anything more at the end was left behind.
    private SandboxTraces _healthyTraces = null!;
    private long _supervisorPeakBytes;

    // The healthy session's directory as the host names it (its socket; its scratch too, where that is no tmpfs).
    private string _healthyDirectory = null!;

    public override async Task InitializeAsync()
    {
        try
        {
            // Built once for the class: every test's supervisor finds both plugins in the shared cache.
            _supervisor = await StartContainedSupervisorAsync(
                _fixture.CacheArgument,
                "--Server:MaxMessageBytes=" + MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
                "--Sessions:RestartBackoff=00:00:00.200");
            var kit = _fixture.Kit;
            _hostilePlugin = _fixture.Hostile;
            _healthy = await Bystander.StartAsync(_supervisor, kit);

            // The only session so far, so the only session directory.
            _healthyDirectory = Directory.GetDirectories(_supervisor.RuntimeDirectory, "w-*", SearchOption.AllDirectories)
                .Should().ContainSingle().Subject;
            _healthyTraces = SandboxTraces.Of(_supervisor);
            _hostile = await OpenHostileSessionAsync();
            _supervisorPeakBytes = ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM");
        }
        catch
        {
            // xunit does not dispose a test whose InitializeAsync failed: stop what was started.
            await DisposeAsync();
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        if (_healthy is not null)
        {
            await _healthy.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Another session with the hostile plugin loaded; closed by <see cref="FinishAsync"/> like the first.</summary>
    private async Task<HostileSession> OpenHostileSessionAsync()
    {
        var session = await HostileSession.CreateAsync(_supervisor, _hostilePlugin);
        _sessions.Add(session);
        return session;
    }

    private int HealthyWorkerPid() => _supervisor.WorkerPidOf(_healthy.Id);

    /// <summary>The cache entry PipelineKit was built into: what the healthy session loads.</summary>
    private string KitBuildEntry() => Path.Combine(_fixture.Cache, "builds", _fixture.KitBuildKey);

    /// <summary>
    /// What every test ends with. Stops the healthy session's loop, closes every hostile session,
    /// counts what they left behind, and records <paramref name="attacks"/> in the matrix with
    /// those observations. Then asserts them: the healthy session answered every call, the
    /// supervisor is up, nothing was left behind.
    /// </summary>
    private async Task FinishAsync(params (HostileGroup Group, string Attack, string Outcome)[] attacks)
    {
        await _healthy.StopAsync();
        var supervisorUp = !_supervisor.HasExited && ProcessTable.IsAlive(_supervisor.ProcessId);
        var peakGrowth = supervisorUp ? ProcessTable.StatusBytes(_supervisor.ProcessId, "VmHWM") - _supervisorPeakBytes : 0;
        if (supervisorUp)
        {
            foreach (var session in _sessions)
            {
                await session.CloseAsync();
            }
        }

        IReadOnlyList<string> leftovers = [];
        await ProcessTable.WaitUntilAsync(
            () => (leftovers = SandboxTraces.Of(_supervisor).Since(_healthyTraces)).Count == 0 && ProcessTable.Find(Marker).Count == 0,
            LeftoverWait);
        var marked = ProcessTable.Find(Marker).Count;
        var healthy = HostileMatrix.HealthyColumn(_healthy);
        var supervisor = HostileMatrix.SupervisorColumn(_supervisor, peakGrowth);
        HostileMatrix.Record(attacks.Select(a =>
            new HostileMatrixRow(a.Group, a.Attack, a.Outcome, healthy, supervisor, SandboxTraces.Describe(leftovers, marked))));

        using (new AssertionScope())
        {
            _healthy.Failures.Should().BeEmpty("the healthy session must answer every call during and after the attack; it answered {0}", _healthy.Answered);
            supervisorUp.Should().BeTrue("a plugin must not take the supervisor down:\n" + _supervisor.Log);
            leftovers.Should().BeEmpty($"closing the hostile sessions removes everything they had (still there after {LeftoverWait.TotalSeconds:0} s)");
            marked.Should().Be(0, $"no process the plugin started outlives its session (marked {Marker})");
        }
    }

    private static bool IsBlocked(string report) => report.StartsWith("blocked:", StringComparison.Ordinal);

    /// <summary>An attack that did not even run (the call failed) proves nothing about containment.</summary>
    private static void ShouldHaveRun(string attempt, string report) =>
        report.Should().MatchRegex("^(blocked|succeeded):", $"{attempt} must run and report (a failed call proves nothing)");

    private static long LongField(string report, string key) =>
        long.Parse(HostileSession.Field(report, key) ?? throw new FormatException($"No {key}= in the report: {report}"),
            CultureInfo.InvariantCulture);
}
