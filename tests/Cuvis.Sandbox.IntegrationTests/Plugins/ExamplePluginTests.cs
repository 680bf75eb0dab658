using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf.Collections;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Plugins;

/// <summary>The plugins under examples/plugins/ build and load through the real server, as a user copying them would.</summary>
[Collection(SharedPlugins.Collection)]
public sealed class ExamplePluginTests(ITestOutputHelper output, SharedPlugins plugins) : IntegrationTest(output)
{
    private static readonly long[] Cube = [-1, -1, -1, -1];
    private static readonly long[] PerPixel = [-1, -1, -1, 1];

    [Fact]
    public async Task ExamplesAndTemplate_CopiedOut_LoadTogether_AndListEveryNodeWithItsPorts()
    {
        var supervisor = await StartSupervisorAsync(plugins.CacheArgument);
        var session = await supervisor.CreateSessionAsync();
        var manifest = Manifest.Of(
            ("spectral_indices", Manifest.Local(SharedPlugins.CopyExample(Work, "SpectralIndices"), "SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio")),
            ("spectral_smoothing", Manifest.Local(SharedPlugins.CopyExample(Work, "SpectralSmoothing"), "SpectralSmoothing.MovingAverage", "SpectralSmoothing.SpectralDerivative")),
            ("my_plugin", Manifest.Local(SharedPlugins.CopyExample(Work, "template/MyPlugin"), "MyPlugin.MyNode")));

        var response = await supervisor.LoadPluginsAsync(session, manifest);

        response.FailedPlugins.Should().BeEmpty();
        response.LoadedPlugins.Should().Equal("spectral_indices", "spectral_smoothing", "my_plugin");
        var nodes = (await supervisor.NodesAsync(session)).Where(n => n.Source == "plugin").ToDictionary(n => n.FullPath);
        nodes.Keys.Should().BeEquivalentTo(
            "SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio",
            "SpectralSmoothing.MovingAverage", "SpectralSmoothing.SpectralDerivative", "MyPlugin.MyNode");

        foreach (var name in (string[])["SpectralIndices.NormalizedDifference", "SpectralIndices.BandRatio"])
        {
            var node = nodes[name];
            node.PluginName.Should().Be("spectral_indices");
            ShouldHave(node.InputSpecs, "cube", Cube);
            ShouldHave(node.InputSpecs, "wavelengths", [-1], optional: true);
            ShouldHave(node.OutputSpecs, "index", PerPixel);
        }

        ShouldHave(nodes["SpectralSmoothing.MovingAverage"].InputSpecs, "cube", Cube);
        ShouldHave(nodes["SpectralSmoothing.MovingAverage"].OutputSpecs, "smoothed", Cube);
        ShouldHave(nodes["SpectralSmoothing.SpectralDerivative"].InputSpecs, "cube", Cube);
        ShouldHave(nodes["SpectralSmoothing.SpectralDerivative"].OutputSpecs, "derivative", Cube);

        var myNode = nodes["MyPlugin.MyNode"];
        myNode.ClassName.Should().Be("MyNode");
        myNode.PluginName.Should().Be("my_plugin");
        ShouldHave(myNode.InputSpecs, "cube", Cube);
        ShouldHave(myNode.OutputSpecs, "scaled", Cube);
        ShouldHave(myNode.OutputSpecs, "mean", []);
    }

    private static void ShouldHave(MapField<string, PortSpec> ports, string name, long[] shape, bool optional = false)
    {
        ports.Should().ContainKey(name);
        var port = ports[name];
        port.Name.Should().Be(name);
        port.Dtype.Should().Be(DType.Float32, name);
        port.Shape.Should().Equal(shape, name);
        port.Optional.Should().Be(optional, name);
        port.Description.Should().NotBeEmpty(name);
    }
}
