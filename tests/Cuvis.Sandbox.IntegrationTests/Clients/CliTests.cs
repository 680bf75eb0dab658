using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using SkiaSharp;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Clients;

/// <summary>
/// The built <c>cuvis</c> tool (cli/) run as a process against the real shared supervisor and its
/// contained workers, as a user runs it: exit codes, stdout, the files it writes.
/// </summary>
public sealed class CliTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    // A contained build of a plugin, cold, on a busy 2-core machine.
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    private static string Repository(params string[] parts) => Path.Combine([Artifacts.RepositoryRoot, .. parts]);

    [Fact]
    public async Task Run_OnTheBundledSanDiegoScene_WritesEveryOutputAndThePictures_AndThePlaneScoresAboveTheBackground()
    {
        var outDirectory = Work.Combine("sandiego");

        var run = await CuvisAsync(RunTimeout, "run", Repository("examples", "pipelines", "rx_sandiego_decisions.yaml"),
            "--cube", Repository("data", "hsi-anomaly", "sandiego_plane.cube.npy"), "--out", outDirectory, "--json");

        run.ExitCode.Should().Be(0, run.StandardError);
        using var summary = JsonDocument.Parse(run.StandardOutput);
        var root = summary.RootElement;
        root.GetProperty("outputs").EnumerateObject().Select(o => o.Name).Should()
            .Contain(["rx.scores", "logits.logits", "decide.decisions", "input.cube"]);
        root.GetProperty("timings_ms").GetProperty("inference").GetDouble().Should().BePositive();
        root.GetProperty("node_timings").EnumerateArray().Select(t => t.GetProperty("node").GetString()).Should().Equal("input", "rx", "logits", "decide");
        JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "summary.json"))).RootElement.GetProperty("outputs").ToString()
            .Should().Be(root.GetProperty("outputs").ToString(), "summary.json holds what --json printed");

        var scores = await NpyFile.ReadAsync(Path.Combine(outDirectory, "rx.scores.npy"));
        var decisions = await NpyFile.ReadAsync(Path.Combine(outDirectory, "decide.decisions.npy"));
        var truth = (await NpyFile.ReadAsync(Repository("data", "hsi-anomaly", "sandiego_plane.gt.npy"))).ToArray<byte>();
        (scores.DType, decisions.DType).Should().Be((DType.Float32, DType.Bool));
        scores.Shape.Should().Equal(1, 100, 100, 1);
        decisions.Shape.Should().Equal(1, 100, 100, 1);
        var score = scores.ToArray<float>();
        var plane = Enumerable.Range(0, truth.Length).Where(i => truth[i] != 0).Select(i => score[i]).Average();
        var background = Enumerable.Range(0, truth.Length).Where(i => truth[i] == 0).Select(i => score[i]).Average();
        plane.Should().BeGreaterThan(2 * background, "the plane pixels are the scene's anomalies");
        decisions.ToArray<bool>().Count(d => d).Should().Be(100, "the 0.99 quantile of 10,000 pixels marks 100");

        var pictures = root.GetProperty("pictures").EnumerateArray().ToDictionary(p => p.GetProperty("file").GetString()!, p => p);
        foreach (var file in (string[])["cube_rgb.png", "rx.scores.png", "decide.decisions.png"])
        {
            pictures.Should().ContainKey(file);
            using var png = SKBitmap.Decode(Path.Combine(outDirectory, file));
            png.Should().NotBeNull($"{file} is a PNG");
            (png.Width, png.Height).Should().Be((pictures[file].GetProperty("width").GetInt32(), pictures[file].GetProperty("height").GetInt32()));
            var image = pictures[file].GetProperty("image");
            (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()).Should().Be((500, 500), "100 x 100 pixels scaled 5 times");
        }

        using var mask = SKBitmap.Decode(Path.Combine(outDirectory, "decide.decisions.png"));
        var marked = Array.IndexOf(decisions.ToArray<bool>(), true);
        var region = pictures["decide.decisions.png"].GetProperty("image");
        var pixel = mask.GetPixel(region.GetProperty("x").GetInt32() + ((marked % 100) * 5) + 2, region.GetProperty("y").GetInt32() + ((marked / 100) * 5) + 2);
        pixel.Red.Should().BeGreaterThan((byte)(Math.Max(pixel.Green, pixel.Blue) + 40), "a decided pixel is drawn red over the image");
        Supervisor.WorkerPids().Should().BeEmpty("cuvis closed its session");
    }

    [Fact]
    public async Task Run_APipelineTheServerRefuses_ExitsWith2_AndNamesTheField()
    {
        var pipeline = Work.Combine("bad.yaml");
        await File.WriteAllTextAsync(pipeline, "nodes:\n  - name: input\n    class: HyperspectralInput\n  - name: rx\n    class: NoSuchDetector\n");
        string[] args = ["run", pipeline, "--cube", Repository("data", "hsi-anomaly", "sandiego_plane.cube.npy"), "--out", Work.Combine("bad")];

        var human = await CuvisAsync(RunTimeout, args);
        var json = await CuvisAsync(RunTimeout, [.. args, "--json"]);

        human.ExitCode.Should().Be(2, human.StandardError);
        human.StandardError.Should().Contain("INVALID_ARGUMENT").And.Contain("nodes[1].class").And.Contain("NoSuchDetector").And.NotContain("   at ");
        json.ExitCode.Should().Be(2);
        var error = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error");
        (error.GetProperty("code").GetInt32(), error.GetProperty("kind").GetString()).Should().Be((2, "invalid_request"));
        error.GetProperty("field_violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).Should().Contain("nodes[1].class");
        Supervisor.WorkerPids().Should().BeEmpty("cuvis closed its session after the refusal too");
    }

    [Fact]
    public async Task Nodes_ListsTheBuiltinClassesWithTheirPortsAndParameters()
    {
        var table = await CuvisAsync(RunTimeout, "nodes");
        var json = await CuvisAsync(RunTimeout, "nodes", "--json");

        table.ExitCode.Should().Be(0, table.StandardError);
        table.StandardOutput.Should().Contain("RXPerBatch").And.Contain("builtin").And.Contain("cube float32 [?, ?, ?, ?]")
            .And.Contain("quantile: double = 0.995").And.Contain("min_wavelength: double (required)");
        json.ExitCode.Should().Be(0);
        var nodes = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("nodes").EnumerateArray().ToList();
        nodes.Where(n => n.GetProperty("source").GetString() == "builtin").Select(n => n.GetProperty("class_name").GetString()).Should()
            .Contain(["HyperspectralInput", "RXPerBatch", "ScoreToLogit", "QuantileBinaryDecider"]);
        var rx = nodes.Single(n => n.GetProperty("class_name").GetString() == "RXPerBatch");
        rx.GetProperty("outputs")[0].GetProperty("dtype").GetString().Should().Be("float32");
        var decider = nodes.Single(n => n.GetProperty("class_name").GetString() == "QuantileBinaryDecider").GetProperty("parameters").EnumerateArray().Single();
        (decider.GetProperty("name").GetString(), decider.GetProperty("type").GetString(), decider.GetProperty("default").GetString(), decider.GetProperty("required").GetBoolean())
            .Should().Be(("quantile", "double", "0.995", false), "the parameters come from the class's published schema");
    }

    [Fact]
    public async Task PluginsLoad_ALocalPluginFromAYamlManifest_ReportsItsNodes_AndCacheClearRemovesItsBuild()
    {
        PluginRepository.CopyDirectory(PluginRepository.SourceOf("Scaler"), Work.Combine("plugins", "scaler"));
        var manifest = Work.Combine("plugins.yaml");
        await File.WriteAllTextAsync(manifest, "plugins:\n  scaler:\n    path: plugins/scaler   # from the manifest's folder\n    provides: [Scaler.ScaleNode]\n");

        var builds = Server.Work.Combine("cache", "builds");

        var load = await CuvisAsync(BuildTimeout, "plugins", "load", manifest, "--json");
        var built = Directory.GetDirectories(builds);
        var clear = await CuvisAsync(RunTimeout, "cache", "clear", "--json");

        load.ExitCode.Should().Be(0, load.StandardOutput + load.StandardError);
        var plugin = JsonDocument.Parse(load.StandardOutput).RootElement.GetProperty("plugins").EnumerateArray().Single();
        (plugin.GetProperty("name").GetString(), plugin.GetProperty("loaded").GetBoolean(), plugin.GetProperty("kind").GetString())
            .Should().Be(("scaler", true, "local"));
        plugin.GetProperty("source").GetString().Should().Be(Work.Combine("plugins", "scaler"));
        plugin.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("full_path").GetString()).Should().Equal("Scaler.ScaleNode");
        built.Should().NotBeEmpty("the build is cached");
        clear.ExitCode.Should().Be(0, clear.StandardError);
        // The server counts the git repositories it removed (none here); local builds go without being counted.
        JsonDocument.Parse(clear.StandardOutput).RootElement.GetProperty("removed").GetInt32().Should().Be(0);
        Directory.GetDirectories(builds).Should().BeEmpty("cache clear removed the build");
    }

    [Fact]
    public async Task Doctor_PrintsTheServersContainmentTable_AndItsExitCodeSaysWhetherItServesContained()
    {
        using var client = new CuvisSandboxClient($"http://{Supervisor.Address}");
        var status = await client.GetServerStatusAsync();

        var table = await CuvisAsync(RunTimeout, "doctor");
        var json = await CuvisAsync(RunTimeout, "doctor", "--json");

        var expected = status.Serving && status.FullyContained ? 0 : 3;
        table.ExitCode.Should().Be(expected, table.StandardOutput + table.StandardError);
        table.StandardOutput.Should().Contain("namespaces").And.Contain(status.Summary).And.Contain($"profile {status.Profile}");
        json.ExitCode.Should().Be(expected);
        var root = JsonDocument.Parse(json.StandardOutput).RootElement;
        root.GetProperty("connected").GetBoolean().Should().BeTrue();
        root.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("state").GetString()))
            .Should().Equal(status.Layers.Select(l => ((string?)l.Name, (string?)l.State)));
    }

    /// <summary>Runs the built cuvis against the shared supervisor, from the repository root, bounded by <paramref name="timeout"/>.</summary>
    private async Task<BufferedCommandResult> CuvisAsync(TimeSpan timeout, params string[] args)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var result = await Cli.Wrap(Artifacts.DotnetHost)
            .WithArguments([Artifacts.CliAssembly, .. args, "--server", $"http://{Supervisor.Address}"])
            .WithWorkingDirectory(Artifacts.RepositoryRoot)
            .WithEnvironmentVariables(env => env.Set("CUVIS_SERVER", null).Set("CUVIS_TOKEN", null))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel.Token);
        Output.WriteLine($"$ cuvis {string.Join(' ', args)}  (exit code {result.ExitCode}, {result.RunTime.TotalSeconds:0.0} s)\n{result.StandardOutput}{result.StandardError}");
        return result;
    }
}
