using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A hostile plugin (tests/plugins/Hostile) tries one forbidden thing at a time in a session next
/// to a healthy one that keeps running inference. Each attempt is stopped, which the tests check
/// from outside wherever they can (files, listeners, the process table); the healthy session
/// answers every call; the supervisor stays up.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed partial class HostilePluginTests(ITestOutputHelper output, SharedPlugins fixture)
    : ContainmentTest(output)
{
    private readonly SharedPlugins _fixture = fixture;
    private SupervisorProcess _supervisor = null!;
    private PluginRepository _hostilePlugin = null!;
    private Bystander _healthy = null!;
    private HostileSession _hostile = null!;

    // The healthy session's directory as the host names it (its socket; its scratch too, where that is no tmpfs).
    private string _healthyDirectory = null!;

    public override async Task InitializeAsync()
    {
        try
        {
            // Built once for the class: every test's supervisor finds both plugins in the shared cache.
            _supervisor = await StartContainedSupervisorAsync("--Plugins:CacheDirectory=" + _fixture.Cache);
            var kit = _fixture.Kit;
            _hostilePlugin = _fixture.Hostile;
            _healthy = await Bystander.StartAsync(_supervisor, kit);

            // The only session so far, so the only session directory.
            _healthyDirectory = Directory.GetDirectories(_supervisor.RuntimeDirectory, "w-*", SearchOption.AllDirectories)
                .Should().ContainSingle().Subject;
            _hostile = await HostileSession.CreateAsync(_supervisor, _hostilePlugin);
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

    private int HealthyWorkerPid() => _supervisor.WorkerPidOf(_healthy.Id);

    /// <summary>The cache entry PipelineKit was built into: what the healthy session loads.</summary>
    private string KitBuildEntry() =>
        Directory.GetDirectories(Path.Combine(_fixture.Cache, "builds"))
            .Single(entry => Path.GetFileName(entry) == _fixture.KitBuildKey);

    /// <summary>What every test ends with: the healthy session answered throughout, the supervisor is up.</summary>
    private async Task HealthySessionAndSupervisorSurvivedAsync()
    {
        await _healthy.StopAndVerifyAsync();
        _supervisor.HasExited.Should().BeFalse("a plugin must not take the supervisor down:\n" + _supervisor.Log);
        ProcessTable.IsAlive(_supervisor.ProcessId).Should().BeTrue();
    }

    private static bool IsBlocked(string report) => report.StartsWith("blocked:", StringComparison.Ordinal);

    /// <summary>An attack that did not even run (the call failed) proves nothing about containment.</summary>
    private static void ShouldHaveRun(string attempt, string report) =>
        report.Should().MatchRegex("^(blocked|succeeded):", $"{attempt} must run and report (a failed call proves nothing)");

    private static long LongField(string report, string key) =>
        long.Parse(HostileSession.Field(report, key) ?? throw new FormatException($"No {key}= in the report: {report}"),
            System.Globalization.CultureInfo.InvariantCulture);
}
