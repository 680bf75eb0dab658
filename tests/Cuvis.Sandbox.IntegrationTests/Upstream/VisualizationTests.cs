using System.Buffers.Binary;
using System.Text;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// GetPipelineVisualization through a real supervisor: the session's pipeline as PNG (rendered by
/// a contained Graphviz), SVG and DOT naming its nodes, classes and ports; a sessionless preview;
/// and the errors: no pipeline, an unknown format, a hostile document.
/// </summary>
public sealed class VisualizationTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    [Fact]
    public async Task SessionPipeline_IsDrawnAsPngSvgAndDot_WithNodesClassesAndPorts()
    {
        var session = new PipelineSession(Supervisor, await OpenSessionAsync());
        await session.LoadPipelineAsync(PipelineSession.MinMaxPipeline);

        var png = await DrawAsync(session.Id, "png");
        var svg = await DrawAsync(session.Id, "SVG");
        var dot = await DrawAsync(session.Id, "dot");

        png.Format.Should().Be("png");
        png.ImageData.Span[..8].ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png.ImageData.Span[16..]), BinaryPrimitives.ReadInt32BigEndian(png.ImageData.Span[20..]));
        width.Should().BeInRange(20, 4000);
        height.Should().BeInRange(20, 4000);
        var svgText = svg.ImageData.ToStringUtf8();
        svgText.Should().Contain("<svg").And.Contain("norm").And.Contain("MinMaxNormalizer");
        var dotText = dot.ImageData.ToStringUtf8();
        dotText.Should().StartWith("digraph").And.Contain("HyperspectralInput").And.Contain("cube").And.Contain("data");
    }

    [Fact]
    public async Task ConfigContent_IsDrawnWithoutASession()
    {
        var response = await Supervisor.Client.GetPipelineVisualizationAsync(new GetPipelineVisualizationRequest { Format = "dot", ConfigContent = PipelineSession.MinMaxPipeline });

        response.ImageData.ToStringUtf8().Should().Contain("MinMaxNormalizer");
    }

    [Fact]
    public async Task Errors_NameWhatToDo_AndHostileLabelsStayLabels()
    {
        var session = await OpenSessionAsync();

        var none = (await Refused(() => DrawAsync(session, "png"))).Which;
        none.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        none.Status.Detail.Should().Contain("LoadPipeline");
        var format = (await Refused(() => DrawAsync("", "gif", PipelineSession.MinMaxPipeline))).Which;
        format.StatusCode.Should().Be(StatusCode.InvalidArgument);
        format.Status.Detail.Should().Contain("png").And.Contain("svg").And.Contain("dot");
        var broken = (await Refused(() => DrawAsync("", "dot", "nodes: [{name: a}]\nconnections: []\n"))).Which;
        broken.StatusCode.Should().Be(StatusCode.InvalidArgument);

        // A label that would close the string and add a shell-out attribute, then a render of it.
        var hostile = "nodes: [{name: a, class: 'X\"]; a [label=\"pwn\" URL=\"file:///etc/passwd\"]; //'}]\nconnections: []\n";
        var dot = (await DrawAsync("", "dot", hostile)).ImageData.ToStringUtf8();
        dot.Should().NotContain("URL=\"file:///etc/passwd\"]", "the class name stays inside its quoted label");
        var rendered = await DrawAsync("", "svg", hostile);
        Encoding.UTF8.GetString(rendered.ImageData.Span).Should().Contain("<svg").And.NotContain("xlink:href=\"file:///etc/passwd\"");
    }

    private Task<GetPipelineVisualizationResponse> DrawAsync(string session, string format, string content = "") =>
        Supervisor.Client.GetPipelineVisualizationAsync(new GetPipelineVisualizationRequest { SessionId = session, Format = format, ConfigContent = content },
            deadline: DateTime.UtcNow.AddMinutes(1)).ResponseAsync;

    private static Task<FluentAssertions.Specialized.ExceptionAssertions<RpcException>> Refused(Func<Task> call) => call.Should().ThrowAsync<RpcException>();
}
