using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A plugin whose project file attacks while it is built (tests/plugins/HostileBuild): MSBuild
/// runs its author's code. Nothing of it may reach beyond the build's own output, while a
/// healthy session next to it keeps running inference. Records its attacks in the <see cref="HostileMatrix"/>.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed partial class HostileBuildTests(ITestOutputHelper output, SharedPlugins fixture) : ContainmentTest(output)
{
    // A gigabyte of output, straight to the build's stdout: what the supervisor pays is linear in
    // it (about a second of CPU per GiB in a release build), so more proves nothing more.
    private const long FloodBytes = 1L << 30;

    [Fact]
    public async Task HostileBuild_ReadsNoFileOutsideItsSources_WritesNoOtherCacheEntry_ConnectsNowhereWhileCompiling_FloodsNothing_LeavesNothingRunning()
    {
        var supervisor = await StartContainedSupervisorAsync(fixture.CacheArgument);
        await using var healthy = await Bystander.StartAsync(supervisor, fixture.Kit);
        var healthyTraces = SandboxTraces.Of(supervisor);

        // The healthy session's plugin is the cache entry the build aims at.
        var victimEntry = Path.Combine(fixture.Cache, "builds", fixture.KitBuildKey);
        var canary = WriteCanary();
        var writeTarget = Path.Combine(victimEntry, "out", Marker + ".txt");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var plugin = Work.Combine("hostilebuild");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("HostileBuild"), plugin);
        await File.WriteAllTextAsync(Path.Combine(plugin, "canary-path.txt"), canary.Path);
        await File.WriteAllTextAsync(Path.Combine(plugin, "write-target.txt"), writeTarget);
        await File.WriteAllTextAsync(Path.Combine(plugin, "connect-port.txt"), ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(Path.Combine(plugin, "marker.txt"), Marker);
        await File.WriteAllTextAsync(Path.Combine(plugin, "flood-bytes.txt"), FloodBytes.ToString(CultureInfo.InvariantCulture));
        var session = await supervisor.CreateSessionAsync();
        var peak = ProcessTable.StatusBytes(supervisor.ProcessId, "VmHWM");
        var cpu = ProcessTable.CpuTime(supervisor.ProcessId);
        var clock = Stopwatch.StartNew();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("hostile_build", Manifest.Local(plugin, "HostileBuild.Innocent"))));

        var took = clock.Elapsed;
        var supervisorCpu = ProcessTable.CpuTime(supervisor.ProcessId) - cpu;
        var growth = ProcessTable.StatusBytes(supervisor.ProcessId, "VmHWM") - peak;
        var greetings = Greetings(listener);
        var failure = response.FailedPlugins.Should().ContainKey("hostile_build", "the build ends with an error either way").WhoseValue;
        Output.WriteLine("hostile build: " + failure);
        await healthy.StopAsync();
        await supervisor.CloseSessionAsync(session);
        var daemons = await DaemonsAsync();
        IReadOnlyList<string> leftovers = [];
        await ProcessTable.WaitUntilAsync(() => (leftovers = SandboxTraces.Of(supervisor).Since(healthyTraces)).Count == 0, TimeSpan.FromSeconds(15));

        var dropped = DroppedBytes().Match(failure) is { Success: true } cut ? long.Parse(cut.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var reached = (Func<string, bool>)(phase => greetings.Any(g => g.StartsWith(phase + "-" + Marker, StringComparison.Ordinal)));
        (string Attack, string Outcome)[] attacks =
        [
            ("read a file outside its sources into its error message", failure.Contains(canary.Content, StringComparison.Ordinal)
                ? HostileOutcome.Escaped("the error shows the canary's content")
                : HostileOutcome.Contained("the error names the file, not its content: " + CanaryError(failure, canary.Path))),
            ("write into another plugin's cache entry", File.Exists(writeTarget)
                ? HostileOutcome.Escaped("the file appeared at " + writeTarget)
                : HostileOutcome.Contained("nothing appeared in the other entry")),
            ("connect out while compiling (Exec and an inline task, to a listener the test opened)", reached("exec") || reached("inline")
                ? HostileOutcome.Escaped("the test's listener got a connection from the compile step")
                : HostileOutcome.Contained("the test's listener got no connection from the compile step")),
            ("connect out during restore (to a listener the test opened on loopback)", reached("restore")
                ? HostileOutcome.Escaped("restore has the host's network (documented): the test's listener got its greeting")
                : HostileOutcome.Contained("the test's listener got no connection from restore")),
            ($"print {FloodBytes >> 30} GiB while compiling", dropped < FloodBytes / 2
                ? HostileOutcome.Escaped($"only {dropped >> 20} MiB of output were seen dropped")
                : HostileOutcome.Contained($"the client's error message is {failure.Length} chars, {dropped >> 20} MiB were dropped; the build answered in {took.TotalSeconds:0} s; supervisor CPU {supervisorCpu.TotalSeconds:0.0} s ({Artifacts.Configuration} build)")),
            ("leave a daemon running", daemons > 0
                ? HostileOutcome.Escaped($"{daemons} processes outlived the build")
                : HostileOutcome.Contained("the daemon died with the build's sandbox")),
        ];
        var marked = ProcessTable.Find(Marker).Count;
        HostileMatrix.Record(attacks.Select(a => new HostileMatrixRow(HostileGroup.HostileBuilds, a.Attack, a.Outcome,
            HostileMatrix.HealthyColumn(healthy), HostileMatrix.SupervisorColumn(supervisor, growth), SandboxTraces.Describe(leftovers, marked))));

        using (new AssertionScope())
        {
            failure.Should().Contain(canary.Path, "the build reaches its last step, which names the canary whether it could read it or not");
            failure.Should().NotContain(canary.Content, "a build must not read files outside its sources");
            File.Exists(writeTarget).Should().BeFalse("a build must not write into another plugin's cache entry");
            (reached("exec") || reached("inline")).Should().BeFalse("compilation runs without network");
            daemons.Should().Be(0, "nothing a build starts outlives it");
            dropped.Should().BeGreaterThan(FloodBytes / 2, "the build printed its flood, and the supervisor read and dropped it");
            failure.Length.Should().BeLessThan(64 << 10, "what a build prints reaches the client only up to a bound");
            growth.Should().BeLessThan(64L << 20, "reading a build's flood holds one line at a time");
            healthy.Failures.Should().BeEmpty("the healthy session answers every call while the build attacks");
            leftovers.Should().BeEmpty();
        }

        var again = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(again, Manifest.Of(("kit", Manifest.Git(fixture.Kit.Url, "v1.0.0", "PipelineKit.Offset")))))
            .FailedPlugins.Should().BeEmpty("the other plugin's cache entry still loads");
        supervisor.HasExited.Should().BeFalse();
    }

    /// <summary>The first line of every connection the listener got, each read within a moment.</summary>
    private static List<string> Greetings(TcpListener listener)
    {
        var greetings = new List<string>();
        while (listener.Pending())
        {
            using var client = listener.AcceptTcpClient();
            client.ReceiveTimeout = 2_000;
            using var reader = new StreamReader(client.GetStream());
            try
            {
                greetings.Add(reader.ReadLine() ?? "");
            }
            catch (IOException)
            {
                greetings.Add("");
            }
        }

        return greetings;
    }

    /// <summary>How many processes the build's daemon step left, once the build's sandbox had a moment to go.</summary>
    private async Task<int> DaemonsAsync()
    {
        await ProcessTable.WaitUntilAsync(() => ProcessTable.Find(Marker).Count == 0, TimeSpan.FromSeconds(15));
        return ProcessTable.Find(Marker).Count;
    }

    private static string CanaryError(string failure, string canaryPath) =>
        failure.Split('\n').FirstOrDefault(line => line.Contains(canaryPath, StringComparison.Ordinal))?.Trim() is { } line
            ? line[(line.IndexOf("cannot be evaluated.", StringComparison.Ordinal) is var at and >= 0 ? at + 21 : 0)..].Trim()
            : "(no line names it)";

    /// <summary>A secret only the supervisor's user may read, outside every plugin's sources.</summary>
    private (string Path, string Content) WriteCanary()
    {
        var path = Work.Combine("canary.txt");
        var content = "cuvis-canary-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (path, content);
    }

    [GeneratedRegex(@"build output cut: (\d+) bytes dropped")]
    private static partial Regex DroppedBytes();
}
