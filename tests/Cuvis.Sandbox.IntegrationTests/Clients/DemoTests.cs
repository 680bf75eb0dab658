using System.Globalization;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Clients;

/// <summary>
/// The user-facing examples under examples/ (what <c>./run.sh demo --python</c> runs, and the pipelines and
/// Python clients the README points to) work against the real server, with Debian's grpcio and numpy.
/// The example plugins copied out are built once for the run (<see cref="SharedPlugins"/>).
/// </summary>
[Collection(SharedPlugins.Collection)]
public sealed partial class DemoTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    private string Stubs => Directory.CreateDirectory(Work.Combine("stubs")).FullName;

    private const double SandiegoReferenceAuc = 0.9403;

    // Two plugin builds and two inferences on a busy 2-core machine: bound the wait, but generously.
    private static readonly TimeSpan ExampleTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task AnomalyDemo_DetectsEveryPlantedAnomaly_AndReachesTheReferenceRxAucOnSandiego()
    {
        await PythonClient.GenerateStubsAsync(Stubs);
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);

        var (exitCode, text) = await PythonClient.RunExampleAsync("anomaly_demo.py", ExampleTimeout,
            "--address", supervisor.Address, "--work-dir", Work.Combine("demo"), "--stubs-dir", Stubs);

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("LoadPlugins: loaded ['spectral_smoothing', 'spectral_indices']")
            .And.Contain("spectral_smoothing: git file://" + Work.Combine("demo", "spectral-smoothing") + " @ v1.0.0")
            .And.Contain("MovingAverage (spectral_smoothing)").And.Contain("NormalizedDifference (spectral_indices)")
            .And.Contain("Planted anomalies detected: 6 of 6")
            .And.NotContain(" NO\n")
            .And.Contain("session closed");
        var auc = SandiegoAucLine().Match(text);
        auc.Success.Should().BeTrue("the demo prints the sandiego_plane AUC:\n" + text);
        double.Parse(auc.Groups[1].Value, CultureInfo.InvariantCulture).Should().BeApproximately(SandiegoReferenceAuc, 0.01);
        supervisor.WorkerPids().Should().BeEmpty();
    }

    [Fact]
    public async Task ExamplePipelines_LoadInASessionWithBothExamplePlugins()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var session = await supervisor.CreateSessionAsync();
        var loaded = await supervisor.LoadPluginsAsync(session, Manifest.Of(
            ("spectral_smoothing", Manifest.Local(SharedPlugins.CopyExample(Work, "SpectralSmoothing"), "SpectralSmoothing.MovingAverage", "SpectralSmoothing.SpectralDerivative")),
            ("spectral_indices", Manifest.Local(SharedPlugins.CopyExample(Work, "SpectralIndices"), "SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio"))));
        loaded.FailedPlugins.Should().BeEmpty();

        var pipelines = Directory.GetFiles(Path.Combine(Artifacts.RepositoryRoot, "examples", "pipelines"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        pipelines.Select(pipeline => Path.GetFileName(pipeline)).Should()
            .Contain((string[])["rx_anomaly.yaml", "rx_sandiego.yaml", "detection_pipeline.yaml", "multi_plugin.yaml"]);
        var problems = new List<string>();
        foreach (var pipeline in pipelines)
        {
            try
            {
                var response = await supervisor.Client.LoadPipelineAsync(
                    new LoadPipelineRequest
                    {
                        SessionId = session,
                        Config = new PipelineConfig { ConfigBytes = ByteString.CopyFrom(await File.ReadAllBytesAsync(pipeline)) },
                    },
                    deadline: DateTime.UtcNow.AddSeconds(60));
                Output.WriteLine($"{Path.GetFileName(pipeline)}: '{response.Metadata.Name}' ({response.PipelineId})");
                if (!response.Success)
                {
                    problems.Add($"{Path.GetFileName(pipeline)}: success = false");
                }
            }
            catch (RpcException error)
            {
                problems.Add($"{Path.GetFileName(pipeline)}: {error.StatusCode}: {error.Status.Detail}");
            }
        }

        problems.Should().BeEmpty();
        await supervisor.CloseSessionAsync(session);
    }

    [Fact]
    public async Task PluginManagementAndCompleteWorkflowExamples_RunAgainstTheServer()
    {
        await PythonClient.GenerateStubsAsync(Stubs);
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var plugin = SharedPlugins.CopyExample(Work, "SpectralIndices");

        var (exitCode, text) = await PythonClient.RunExampleAsync("plugin_management.py", ExampleTimeout,
            "--address", supervisor.Address, "--path", plugin, "--stubs-dir", Stubs);

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Loaded: ['custom_detector']")
            .And.Contain("Unknown plugin: NOT_FOUND")
            .And.Contain("NormalizedDifference (plugin: custom_detector)")
            .And.Contain("Failed to load bad_plugin: Repository not found")
            .And.Contain("Failed to load plugin_b: Cannot import 'SpectralIndices.Nonexistent'")
            .And.Contain("Still loaded in this session: ['custom_detector']");

        (exitCode, text) = await PythonClient.RunExampleAsync("complete_workflow.py", ExampleTimeout,
            "--address", supervisor.Address, "--path", plugin, "--stubs-dir", Stubs);

        Output.WriteLine(text);
        exitCode.Should().Be(0, text);
        text.Should().Contain("Loaded: ['detector']").And.Contain("exact match").And.Contain("Session closed");
        supervisor.WorkerPids().Should().BeEmpty();
    }

    [GeneratedRegex(@"sandiego_plane RX ROC AUC: (\d\.\d{4})")]
    private static partial Regex SandiegoAucLine();
}
