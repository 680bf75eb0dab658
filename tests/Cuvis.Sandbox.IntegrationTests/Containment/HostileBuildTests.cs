using System.Net;
using System.Net.Sockets;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A plugin whose project file attacks while it is built (tests/plugins/HostileBuild): MSBuild
/// runs its author's code. Nothing of it may reach beyond the build's own output.
/// </summary>
public sealed class HostileBuildTests(ITestOutputHelper output) : ContainmentTest(output)
{
    [Fact]
    public async Task HostileBuild_ReadsNoFileOutsideItsSources_WritesNoOtherCacheEntry_ConnectsNowhere_LeavesNothingRunning()
    {
        var supervisor = await StartContainedSupervisorAsync();
        var victimEntry = await BuildAnotherPluginAsync(supervisor);
        var canary = WriteCanary();
        var writeTarget = Path.Combine(victimEntry, "out", Marker + ".txt");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var plugin = Work.Combine("hostilebuild");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("HostileBuild"), plugin);
        await File.WriteAllTextAsync(Path.Combine(plugin, "canary-path.txt"), canary.Path);
        await File.WriteAllTextAsync(Path.Combine(plugin, "write-target.txt"), writeTarget);
        await File.WriteAllTextAsync(Path.Combine(plugin, "connect-port.txt"), ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(Path.Combine(plugin, "marker.txt"), Marker);
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("hostile_build", Manifest.Local(plugin, "HostileBuild.Innocent"))));

        var failure = response.FailedPlugins.Should().ContainKey("hostile_build", "the build ends with an error either way").WhoseValue;
        Output.WriteLine("hostile build: " + failure);
        failure.Should().Contain(canary.Path, "the build reaches its last step, which names the canary whether it could read it or not");
        using (new AssertionScope())
        {
            failure.Should().NotContain(canary.Content, "a build must not read files outside its sources");
            File.Exists(writeTarget).Should().BeFalse("a build must not write into another plugin's cache entry");
            listener.Pending().Should().BeFalse("compilation runs without network");
            (await ProcessTable.WaitUntilAsync(() => ProcessTable.Find(Marker).Count == 0, TimeSpan.FromSeconds(15)))
                .Should().BeTrue($"nothing a build starts outlives it; still running: pids {string.Join(", ", ProcessTable.Find(Marker))}");
        }

        var again = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(again, Manifest.Of(("scaler", Manifest.Local(Work.Combine("scaler"), "Scaler.ScaleNode")))))
            .FailedPlugins.Should().BeEmpty("the other plugin's cache entry still loads");
        supervisor.HasExited.Should().BeFalse();
    }

    /// <summary>Builds Scaler into the cache and returns its entry: what the hostile build aims at.</summary>
    private async Task<string> BuildAnotherPluginAsync(SupervisorProcess supervisor)
    {
        var scaler = Work.Combine("scaler");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), scaler);
        var session = await supervisor.CreateSessionAsync();
        (await supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Local(scaler, "Scaler.ScaleNode")))))
            .FailedPlugins.Should().BeEmpty();
        await supervisor.CloseSessionAsync(session);
        return Directory.GetDirectories(Work.Combine("cache", "builds")).Should().ContainSingle().Subject;
    }

    /// <summary>A secret only the supervisor's user may read, outside every plugin's sources.</summary>
    private (string Path, string Content) WriteCanary()
    {
        var path = Work.Combine("canary.txt");
        var content = "cuvis-canary-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (path, content);
    }
}
