using System.Security.Cryptography;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// ClearPluginCache racing LoadPlugins of the same plugin, from a client that clears as fast as it
/// can: every load ends loaded, with a staged copy identical to what was published, or failed
/// saying the cache kept being cleared; never half a plugin. Clears go by plugin name, so the
/// collection's shared builds of PipelineKit and Hostile stay.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class PluginCacheRaceTests(ITestOutputHelper output, SharedPlugins plugins, AttackBench bench) : IAsyncLifetime
{
    private static readonly TimeSpan ClearPause = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task ClearPluginCache_RacingLoadsOfAPrebuiltPlugin_StagesWholeCopiesOrFailsSayingSo()
    {
        // The kit's build output committed as a vendor ships binaries: a load clones, checks out and
        // copies the tree into the session, which is where a clear used to cut copies short.
        await PipelineSession.CreateAsync(bench.Supervisor, plugins.Kit);
        var published = Path.Combine(plugins.Cache, "builds", plugins.KitBuildKey, "out");
        var vendor = await PluginRepository.CreateFromAsync(published, Path.Combine(bench.Allowed, "vendor"));
        var reference = Hashes(published);
        var sessions = new[] { await bench.Supervisor.CreateSessionAsync(), await bench.Supervisor.CreateSessionAsync() };
        var names = sessions.SelectMany((_, s) => PipelineSession.KitNodes.Select((_, i) => $"vendor_{s}_{i}")).ToArray();
        var clears = 0;

        await bench.AttackAsync(output, "ClearPluginCache by name every 20 ms while 2 sessions load 6 plugins each from one prebuilt repository", async () =>
        {
            using var stop = new CancellationTokenSource();
            var clearing = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    await bench.Supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = names[i % names.Length] },
                        deadline: DateTime.UtcNow.AddSeconds(60));
                    Interlocked.Increment(ref clears);
                    await Task.Delay(ClearPause, CancellationToken.None);
                }
            });
            var responses = await Task.WhenAll(sessions.Select((id, s) => bench.Supervisor.LoadPluginsAsync(id,
                Manifest.Of([.. PipelineSession.KitNodes.Select((node, i) => ($"vendor_{s}_{i}", Manifest.Git(vendor.Url, "v1.0.0", node)))]))));
            await stop.CancelAsync();
            await clearing.WaitAsync(TimeSpan.FromSeconds(60));

            var failed = responses.SelectMany(r => r.FailedPlugins).ToList();
            foreach (var (name, reason) in failed)
            {
                reason.Should().Contain("were removed (ClearPluginCache) while it was being loaded", name);
            }

            foreach (var (id, response) in sessions.Zip(responses))
            {
                foreach (var name in response.LoadedPlugins)
                {
                    Hashes(StagedDirectory(name)).Should().Equal(reference, $"{name}'s staged copy is the published build, whole");
                }

                var nodes = await bench.Supervisor.NodesAsync(id);
                nodes.Where(n => n.Source == "plugin").Select(n => n.PluginName).Should().BeEquivalentTo(response.LoadedPlugins);
            }

            var again = bench.Supervisor.Log.Split('\n').Count(l => l.Contains("plugin vendor_", StringComparison.Ordinal) && l.Contains("were cleared before", StringComparison.Ordinal));
            return $"{responses.Sum(r => r.LoadedPlugins.Count)} of 12 loaded, each staged copy byte-identical to the published files "
                + $"({again} prepared again after a clear); {failed.Count} failed saying the cache kept being cleared; {clears} clears";
        }, repeat: false);
    }

    [Fact]
    public async Task ClearPluginCache_RacingABuildOfThePlugin_ServesOnlyTheWholeBuild()
    {
        var racer = await PluginRepository.CreateFromAsync(PluginRepository.SourceOf("Scaler"), Path.Combine(bench.Allowed, "racer"));
        var session = await bench.Supervisor.CreateSessionAsync();
        var clears = 0;

        await bench.AttackAsync(output, "ClearPluginCache every 20 ms from the start of a plugin's fetch into its build", async () =>
        {
            using var stop = new CancellationTokenSource();
            var clearing = Task.Run(async () =>
            {
                // Through the fetch, the copy of the sources and the first seconds of the build (its tree and
                // repository go while it compiles its own copy). Clears after it is published make it build
                // again (the prebuilt race covers that copy), so they stop short of it: one build, ~15 s here.
                DateTime? building = null;
                while (!stop.IsCancellationRequested && (building is null || DateTime.UtcNow < building.Value.AddSeconds(2)))
                {
                    if (building is null && bench.Supervisor.LogCount("Plugin racer: building") > 0)
                    {
                        building = DateTime.UtcNow;
                    }

                    await bench.Supervisor.Client.ClearPluginCacheAsync(new ClearPluginCacheRequest { PluginName = "racer" }, deadline: DateTime.UtcNow.AddSeconds(60));
                    Interlocked.Increment(ref clears);
                    await Task.Delay(ClearPause, CancellationToken.None);
                }
            });
            var response = await bench.Supervisor.LoadPluginsAsync(session, Manifest.Of(("racer", Manifest.Git(racer.Url, "v1.0.0", "Scaler.ScaleNode"))));
            await stop.CancelAsync();
            await clearing.WaitAsync(TimeSpan.FromSeconds(60));

            if (response.LoadedPlugins.Count == 0)
            {
                response.FailedPlugins["racer"].Should().Contain("were removed (ClearPluginCache) while it was being loaded");
                return $"failed saying the cache kept being cleared ({bench.Supervisor.LogCount("Plugin racer: building")} builds, {clears} clears)";
            }

            var pipeline = await bench.Supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
            {
                SessionId = session,
                Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes: [{name: s, class: ScaleNode, params: {factor: 3}}]") },
            }, deadline: DateTime.UtcNow.AddMinutes(1));
            pipeline.Success.Should().BeTrue();
            var result = await bench.Supervisor.Client.InferenceAsync(new InferenceRequest
            {
                SessionId = session,
                Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 2f, 3f }, 3) } },
            }, deadline: DateTime.UtcNow.AddMinutes(1));
            PipelineSession.Values<float>(result.Outputs["s.scaled"]).Should().Equal(3f, 6f, 9f);
            File.Exists(Path.Combine(StagedDirectory("racer"), "Scaler.dll")).Should().BeTrue();
            return $"loaded and right ({bench.Supervisor.LogCount("Plugin racer: building")} build(s), "
                + $"{bench.Supervisor.LogCount("plugin racer were cleared before")} re-preparation(s), {clears} clears)";
        }, repeat: false);
    }

    public Task InitializeAsync() => bench.StartOnceAsync(output, plugins);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>sha256 of every file under <paramref name="directory"/>, by relative path.</summary>
    private static SortedDictionary<string, string> Hashes(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    /// <summary>
    /// Where the supervisor staged plugin <paramref name="name"/> (unique to one session here):
    /// <c>&lt;runtime&gt;/&lt;instance&gt;/s-…/plugins/&lt;name&gt;</c>, the session's copy (its
    /// worker sees hard links of it in <c>w-…/plugins/&lt;name&gt;</c>).
    /// </summary>
    private string StagedDirectory(string name) =>
        Directory.EnumerateDirectories(bench.Runtime.Path, name, SearchOption.AllDirectories)
            .Single(d => Path.GetFileName(Path.GetDirectoryName(d)) == "plugins"
                && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d)))!.StartsWith("s-", StringComparison.Ordinal));
}
