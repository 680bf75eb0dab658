using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SourceHashTests : IDisposable
{
    private static readonly SourceLimits Defaults = SourceLimits.From(new PluginOptions());

    private readonly string _root = Directory.CreateTempSubdirectory("cssh").FullName;
    private readonly string _plugin;

    public SourceHashTests()
    {
        _plugin = Directory.CreateDirectory(Path.Combine(_root, "plugin")).FullName;
        Write("Plugin.csproj", "<Project />");
        Write("Nodes/Node.cs", "class Node {}");
    }

    [Fact]
    public async Task ComputeAsync_SameSources_SameHash_AnEditChangesIt()
    {
        var first = await HashAsync();
        var again = await HashAsync();
        Write("Nodes/Node.cs", "class Node { }");

        again.Should().Be(first);
        (await HashAsync()).Should().NotBe(first);
    }

    [Fact]
    public async Task ComputeAsync_Fifo_RefusesThePluginNamingIt_WithoutOpeningIt()
    {
        SpecialFiles.MakeFifo(Path.Combine(_plugin, "Nodes", "pipe"));

        var compute = () => HashAsync();

        (await compute.Should().ThrowAsync<PluginLoadException>()).Which.Message.Should().Be(
            $"Local plugin directory {_plugin} holds 'Nodes/pipe', a FIFO (named pipe): a plugin's sources may hold only files, "
            + "folders and symbolic links (which are ignored). Remove it from the plugin's directory.");
    }

    [Fact]
    public async Task ComputeAsync_Socket_RefusesThePlugin()
    {
        using var socket = SpecialFiles.MakeSocket(Path.Combine(_plugin, "agent.sock"));

        var compute = () => HashAsync();

        (await compute.Should().ThrowAsync<PluginLoadException>()).Which.Message.Should().Contain("'agent.sock', a socket");
    }

    [Fact]
    public async Task ComputeAsync_LinksToFilesAndFoldersOutside_AreNeitherFollowedNorHashed()
    {
        var before = await HashAsync();
        var secret = Path.Combine(_root, "secret.txt");
        File.WriteAllText(secret, "first secret");
        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets")).FullName;
        File.WriteAllText(Path.Combine(secrets, "key"), "first key");
        File.CreateSymbolicLink(Path.Combine(_plugin, "secret.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_plugin, "Nodes", "secrets"), secrets);
        SpecialFiles.MakeFifo(Path.Combine(secrets, "pipe"));

        var withLinks = await HashAsync();
        File.WriteAllText(secret, "second secret");
        File.WriteAllText(Path.Combine(secrets, "key"), "second key");

        withLinks.Should().Be(before, "links are left out");
        (await HashAsync()).Should().Be(withLinks, "what the links lead to is never read");
        SourceHash.Files(_plugin).Should().BeEquivalentTo(["Plugin.csproj", Path.Combine("Nodes", "Node.cs")]);
    }

    [Fact]
    public async Task ComputeAsync_MoreFilesThanTheLimit_FailsNamingTheLimitTheSettingAndTheCount()
    {
        Write("a.txt", "a");
        Write("b.txt", "b");

        // Plugin.csproj, Nodes, Nodes/Node.cs, a.txt, b.txt: the fifth entry is one too many.
        var compute = () => HashAsync(new SourceLimits(MaxFiles: 4, Defaults.MaxBytes));

        (await compute.Should().ThrowAsync<PluginLoadException>()).Which.Message.Should().Be(
            $"Plugin 'p' is too large to load: its sources ({_plugin}) hold at least 5 files, folders and links, more than the 4 "
            + "Plugins:MaxSourceFiles allows. Leave out what its build does not need, or raise Plugins:MaxSourceFiles.");
    }

    [Fact]
    public async Task ComputeAsync_MoreBytesThanTheLimit_FailsNamingTheLimitTheSettingAndTheSize()
    {
        Write("data.bin", new string('x', 3000));

        var compute = () => HashAsync(new SourceLimits(Defaults.MaxFiles, MaxBytes: 2048));

        (await compute.Should().ThrowAsync<PluginLoadException>()).Which.Message.Should().MatchRegex(
            $@"^Plugin 'p' is too large to load: its sources \({System.Text.RegularExpressions.Regex.Escape(_plugin)}\) hold at least 3,0\d\d bytes, "
            + @"more than the 2,048 bytes Plugins:MaxSourceBytes allows\. Leave out what its build does not need, or raise Plugins:MaxSourceBytes\.$");
    }

    [Fact]
    public async Task ComputeAsync_BuildOutputAndVcsFolders_AreNotCounted()
    {
        foreach (var folder in new[] { "bin", "obj", ".git" })
        {
            for (var i = 0; i < 5; i++)
            {
                Write(Path.Combine(folder, $"{i}.dll"), new string('x', 1000));
            }
        }

        // Plugin.csproj, Nodes, Nodes/Node.cs, and the three skipped folders themselves.
        var compute = () => HashAsync(new SourceLimits(MaxFiles: 6, MaxBytes: 100));

        await compute.Should().NotThrowAsync();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_plugin, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private Task<string> HashAsync(SourceLimits? limits = null) =>
        SourceHash.ComputeAsync(_plugin, new SourceBudget(limits ?? Defaults, "p", _plugin), CancellationToken.None)
            .WaitAsync(SpecialFiles.Timeout);
}
