using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// Hostile plugin sources through LoadPlugins, on a supervisor that allows local plugins from two
/// roots only (<see cref="AttackBench.Allowed"/> and the shared repositories): a manifest of 2,000 entries, names and paths that climb out, many spellings of one
/// repository, and git bombs. Each ends in a clear error for its entry (or the whole manifest), or
/// in the right plugin; none touches the disk beyond its limits or the healthy session beside it.
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed class MalformedPluginSourceTests(ITestOutputHelper output, SharedPlugins plugins, AttackBench bench) : IAsyncLifetime
{
    private string Allowed => bench.Allowed;

    [Fact]
    public async Task ManifestOf2000Entries_IsInvalidArgumentNamingTheLimit_AndChangesNothing()
    {
        var session = await bench.Supervisor.CreateSessionAsync();
        var huge = Manifest.Of([.. Enumerable.Range(0, 2000).Select(i => ($"p{i}", Manifest.Local($"/nonexistent/p{i}", $"P{i}.Node")))]);
        var atLimit = Manifest.Of([.. Enumerable.Range(0, 64).Select(i => ($"p{i}", Manifest.Local($"{Allowed}/nonexistent/p{i}", $"P{i}.Node")))]);

        await bench.AttackAsync(output, "a manifest of 2,000 entries (and one of 64, the limit, all failing, half of them past Plugins:MaxPluginsPerSession)", async () =>
        {
            var (status, detail) = await AttackBench.FailureOfAsync(() => bench.Supervisor.LoadPluginsAsync(session, huge));
            status.Should().Be(StatusCode.InvalidArgument);
            detail.Should().Contain("it lists 2000 plugins, more than the 64 one manifest may hold (Plugins:MaxManifestEntries)");
            var each = await bench.Supervisor.LoadPluginsAsync(session, atLimit);
            each.FailedPlugins.Should().HaveCount(64);
            foreach (var i in Enumerable.Range(0, 64))
            {
                // The first 32 are prepared, and fail alone; the rest are past Plugins:MaxPluginsPerSession and never fetched.
                each.FailedPlugins[$"p{i}"].Should().Contain(i < 32 ? "Local plugin directory not found" : "(Plugins:MaxPluginsPerSession)");
            }

            (await bench.Supervisor.PluginsAsync(session)).Should().BeEmpty();
            return "INVALID_ARGUMENT naming Plugins:MaxManifestEntries (64), nothing fetched; of 64 bad entries, 32 fail one by one, 32 past "
                + "Plugins:MaxPluginsPerSession unfetched";
        });
    }

    [Fact]
    public async Task PathTraversal_InPluginNamesAndLocalPaths_FailsTheEntryNamingWhy()
    {
        var session = await bench.Supervisor.CreateSessionAsync();
        var outside = bench.Work.Combine("outside");
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), outside);
        Directory.CreateDirectory(Path.Combine(Allowed, "sub"));
        var link = Path.Combine(Allowed, "link-out");
        if (!Path.Exists(link))
        {
            Directory.CreateSymbolicLink(link, outside);
        }

        var names = ByteString.CopyFromUtf8("""
            {"plugins": {
              "../../etc": {"provides": ["A.B"], "path": "/x"},
              "a/b": {"provides": ["A.B"], "path": "/x"},
              "..": {"provides": ["A.B"], "path": "/x"},
              "": {"provides": ["A.B"], "path": "/x"},
              "x\u0000y": {"provides": ["A.B"], "path": "/x"},
              "名前": {"provides": ["A.B"], "path": "/x"}
            }}
            """);
        var paths = Manifest.Of(
            ("dotdot", Manifest.Local(Allowed + "/../outside", "Scaler.ScaleNode")),
            ("deeper", Manifest.Local(Allowed + "/sub/../../outside", "Scaler.ScaleNode")),
            ("link", Manifest.Local(link, "Scaler.ScaleNode")),
            ("encoded", Manifest.Git("file://" + Allowed + "/%2E%2E/outside", "v1.0.0", "Scaler.ScaleNode")),
            ("nul", Manifest.Local(Allowed + "/a\0b", "Scaler.ScaleNode")),
            ("relative", Manifest.Local("allowed/../outside", "Scaler.ScaleNode")));

        await bench.AttackAsync(output, "path traversal: plugin names ../../etc, a/b, .., empty, NUL, non-ASCII; local paths and file:// URLs climbing "
            + "out of Plugins:LocalRoots by .., a link and %2E%2E; a NUL in a path", async () =>
        {
            var byName = await bench.Supervisor.LoadPluginsAsync(session, names);
            byName.FailedPlugins.Should().HaveCount(6).And.AllSatisfy(f => f.Value.Should().Contain("is not an identifier"));
            var byPath = await bench.Supervisor.LoadPluginsAsync(session, paths);
            byPath.LoadedPlugins.Should().BeEmpty();
            byPath.FailedPlugins["dotdot"].Should().Contain("outside the allowed roots");
            byPath.FailedPlugins["deeper"].Should().Contain("outside the allowed roots");
            byPath.FailedPlugins["link"].Should().Contain("outside the allowed roots").And.Contain("once its symbolic links are resolved");
            byPath.FailedPlugins["encoded"].Should().Contain("outside the allowed roots");
            byPath.FailedPlugins["nul"].Should().Contain("holds a NUL character");
            byPath.FailedPlugins["relative"].Should().Contain("must be absolute");
            (await bench.Supervisor.PluginsAsync(session)).Should().BeEmpty();
            return "each entry fails alone: not an identifier / outside the allowed roots (.., links and %2E%2E resolved first) / NUL / must be absolute";
        });
    }

    [Fact]
    public async Task SpellingsOfOneRepositoryUrl_ShareOneCloneAndOneBuild()
    {
        var kit = plugins.Kit;
        var path = kit.Path;
        var parent = Path.GetDirectoryName(path)!;
        var alias = Path.Combine(Allowed, "kit-alias");
        if (!Path.Exists(alias))
        {
            Directory.CreateSymbolicLink(alias, path);
        }

        string[] spellings =
        [
            kit.Url, kit.Url + "/", "FILE://" + path, "file://" + parent + "/./" + Path.GetFileName(path), "file://" + parent + "//" + Path.GetFileName(path),
            "file://" + parent + "/../" + Path.GetFileName(parent) + "/" + Path.GetFileName(path), kit.Url[..^1] + "%" + Convert.ToHexString([(byte)kit.Url[^1]]),
            path, path + "/", path + "/.git", kit.Url + "/.git/", alias,
        ];
        var repos = Path.Combine(plugins.Cache, "git", "repos");
        var kitKey = plugins.KitBuildKey[4..20];
        var before = Entries(repos);
        var sessions = new[] { await bench.Supervisor.CreateSessionAsync(), await bench.Supervisor.CreateSessionAsync() };

        await bench.AttackAsync(output, $"{spellings.Length} spellings of one repository URL (trailing /, scheme case, /./, //, /../, %-encoding, "
            + "a plain path, /.git, a link), loaded at once", async () =>
        {
            // Six node types, six plugins per session: each plugin provides one, so none clashes with another.
            var loads = spellings.Chunk(6).Select((chunk, s) => bench.Supervisor.LoadPluginsAsync(sessions[s],
                Manifest.Of([.. chunk.Select((url, i) => ($"spelling_{s}_{i}", Manifest.Git(url, "v1.0.0", PipelineSession.KitNodes[i])))])));
            var responses = await Task.WhenAll(loads);

            responses.SelectMany(r => r.FailedPlugins).Should().BeEmpty();
            responses.Sum(r => r.LoadedPlugins.Count).Should().Be(spellings.Length);
            Entries(repos).Except(before).Should().BeSubsetOf([kitKey], "every spelling lands in the kit's one cache entry");
            SpellingLines(": cloning").Should().BeLessThanOrEqualTo(1, "the kit may not be in the shared cache yet");
            SpellingLines(": building").Should().BeLessThanOrEqualTo(1);
            var other = await bench.Supervisor.LoadPluginsAsync(sessions[1], Manifest.Of(("sibling", Manifest.Git("file://" + path + ".git", "v1.0.0", "X.Y"))));
            other.FailedPlugins["sibling"].Should().StartWith("Repository not found", "x.git is another directory than x");
            return $"one cache entry, at most one clone and one build for all {spellings.Length}; {path}.git is another repository (not found)";
        }, repeat: false);
    }

    [Fact]
    public async Task GitBombs_AreRefusedNamingTheLimit_BeforeTheCheckoutWritesAnything()
    {
        var bombs = Path.Combine(Allowed, "bombs");
        var files = await GitBombRepository.WideAsync(Path.Combine(bombs, "files"), "x"u8.ToArray(), width: 10, levels: 8, files: 10);
        var bytes = await GitBombRepository.WideAsync(Path.Combine(bombs, "bytes"), new byte[1 << 20], width: 10, levels: 1, files: 100);
        var deep = await GitBombRepository.DeepAsync(Path.Combine(bombs, "deep"), depth: 200);
        var session = await bench.Supervisor.CreateSessionAsync();
        var manifest = Manifest.Of(
            ("files", Manifest.Git(files.Url, "v1.0.0", "Bomb.Node")),
            ("bytes", Manifest.Git(bytes.Url, "v1.0.0", "Bomb.Node")),
            ("deep", Manifest.Git(deep.Url, "v1.0.0", "Bomb.Node")));
        var written = WrittenBytes();

        await bench.AttackAsync(output, "git bombs: 10^9 files from 9 tree levels of 10, 1 GiB from one 1 MiB blob named 1,000 times, 200 nested folders", async () =>
        {
            var response = await bench.Supervisor.LoadPluginsAsync(session, manifest);
            response.LoadedPlugins.Should().BeEmpty();
            response.FailedPlugins["files"].Should().Contain("hold at least 10,001 files, folders and links, more than the 10,000 Plugins:MaxSourceFiles allows");
            response.FailedPlugins["bytes"].Should().Contain("more than the 256.0 MiB (268,435,456 bytes) Plugins:MaxSourceBytes allows");
            response.FailedPlugins["deep"].Should().Contain("nests folders more than 128 levels deep");
            return "each refused naming Plugins:MaxSourceFiles / Plugins:MaxSourceBytes / the 128-level depth limit, before its checkout wrote a file";
        });

        var wrote = WrittenBytes() - written;
        output.WriteLine($"the supervisor wrote {wrote >> 10} KiB meanwhile (logs, sockets, the bombs' clones)");
        wrote.Should().BeLessThan(64L << 20, "the 256 MiB the byte bomb allowed before its limit was never written");
        Directory.EnumerateFileSystemEntries(Path.Combine(plugins.Cache, "git", "tmp")).Should().BeEmpty("nothing of the refused checkouts is left");
    }

    public Task InitializeAsync() => bench.StartOnceAsync(output, plugins);

    public Task DisposeAsync() => Task.CompletedTask;

    private static HashSet<string> Entries(string repos) =>
        Directory.Exists(repos) ? [.. Directory.EnumerateDirectories(repos).Select(d => Path.GetFileName(d))] : [];

    private int SpellingLines(string fragment) =>
        bench.Supervisor.Log.Split('\n').Count(l => l.Contains("Plugin spelling_", StringComparison.Ordinal) && l.Contains(fragment, StringComparison.Ordinal));

    private long WrittenBytes() =>
        long.Parse(File.ReadLines($"/proc/{bench.Supervisor.ProcessId}/io").Single(l => l.StartsWith("wchar:", StringComparison.Ordinal))["wchar:".Length..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}
