using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Tests.Files;

public sealed class ManifestFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cuvis-manifest-").FullName;

    [Fact]
    public async Task YamlAndJson_OfTheSameManifest_GiveTheWiresManifestJson()
    {
        var json = await WriteAsync("m.json", """
            {"plugins": {"detector": {"provides": ["Detector.Plugin.CustomDetector"], "repo": "git@example.com:org/detector-plugin.git", "ref": "v2.0.0"},
                         "dev_plugin": {"path": "/workspace/my-plugin", "provides": ["Dev.Plugin.ExperimentalNode"]}}}
            """);
        var yaml = await WriteAsync("m.yaml", """
            plugins:
              detector:
                repo: git@example.com:org/detector-plugin.git
                ref: v2.0.0
                provides: [Detector.Plugin.CustomDetector]
              dev_plugin:
                provides:
                  - Dev.Plugin.ExperimentalNode
                path: /workspace/my-plugin
            """);

        var fromJson = await ManifestFile.LoadAsync(json, CancellationToken.None);
        var fromYaml = await ManifestFile.LoadAsync(yaml, CancellationToken.None);

        fromYaml.Should().Be(fromJson);
        fromJson.ToJson().Should().Be(
            """{"plugins":{"detector":{"provides":["Detector.Plugin.CustomDetector"],"repo":"git@example.com:org/detector-plugin.git","ref":"v2.0.0"},"dev_plugin":{"provides":["Dev.Plugin.ExperimentalNode"],"path":"/workspace/my-plugin"}}}""");
    }

    [Fact]
    public async Task ARelativeLocalPath_IsTakenFromTheManifestsFolder()
    {
        var file = await WriteAsync("plugins.yaml", "plugins:\n  dev:\n    path: plugins/dev\n    provides: [Dev.Node]\n");

        var manifest = await ManifestFile.LoadAsync(file, CancellationToken.None);

        manifest.Plugins.Should().ContainSingle().Which.Should().Be(new LocalPlugin("dev", Path.Combine(_directory, "plugins", "dev"), "Dev.Node"));
    }

    [Theory]
    [InlineData("plugins:\n  a:\n    path: /p\n    provides: [A.B]\n    reff: v1\n", "*plugins.a.reff: unknown key; a local entry has exactly provides, path")]
    [InlineData("plugins:\n  a:\n    repo: /r\n    provides: [A.B]\n", "*plugins.a.ref: missing or not a string")]
    [InlineData("plugins:\n  a:\n    path: /p\n", "*plugins.a.provides: missing*")]
    [InlineData("plugins:\n  a:\n    provides: [A.B]\n", "*plugins.a: needs repo and ref (a git plugin) or path (a local plugin)")]
    [InlineData("plugin:\n  a: {}\n", "*a manifest is a mapping with one key, plugins*")]
    [InlineData("plugins: {}\nextra: 1\n", "*extra: unknown key; a manifest has only 'plugins'")]
    [InlineData("plugins: [a, b]\n", "*plugins: must map each plugin's name to its entry")]
    [InlineData("{\"plugins\": {\"a\": ", "*not a valid JSON or YAML manifest*")]
    public async Task AManifestThatIsNotOne_IsALocalFileErrorNamingTheKey(string text, string message)
    {
        var file = await WriteAsync("bad.yaml", text);

        var load = () => ManifestFile.LoadAsync(file, CancellationToken.None);

        var error = (await load.Should().ThrowAsync<CliException>().WithMessage(message)).Which;
        error.ExitCode.Should().Be(ExitCodes.LocalFile);
        error.Message.Should().StartWith(file);
    }

    [Fact]
    public async Task AMissingManifest_IsALocalFileErrorNamingIt()
    {
        var load = () => ManifestFile.LoadAsync(Path.Combine(_directory, "none.json"), CancellationToken.None);

        (await load.Should().ThrowAsync<CliException>()).Which.Message.Should().Be($"{Path.Combine(_directory, "none.json")}: cannot read the manifest: no such file");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
