using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Visualization;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Upstream's GetPipelineVisualization. With <c>config_content</c> that document is drawn and no
/// session is needed (a <c>session_id</c> beside it is not looked at: the content wins, as a
/// preview of a document before loading it). Otherwise the session's last loaded pipeline is drawn.
/// DOT is written here; png and svg are rendered by Graphviz in a sandbox (<see cref="IGraphRenderer"/>).
/// </summary>
internal sealed partial class CuvisAIGrpcService
{
    public override Task<GetPipelineVisualizationResponse> GetPipelineVisualization(
        GetPipelineVisualizationRequest request, ServerCallContext context)
    {
        var format = VisualizationFormats.Parse(request.Format);
        return request.ConfigContent.Length != 0
            ? DrawAsync(System.Text.Encoding.UTF8.GetBytes(request.ConfigContent), "config_content", format, context.CancellationToken)
            : InSessionAsync(request.SessionId, context, session =>
                DrawAsync(session.PipelineDocument ?? throw new NoPipelineToDrawException(request.SessionId),
                    "config", format, context.CancellationToken));
    }

    private async Task<GetPipelineVisualizationResponse> DrawAsync(
        ReadOnlyMemory<byte> document, string field, VisualizationFormat format, CancellationToken cancellationToken)
    {
        var dot = DotWriter.Write(PipelineGraphReader.Read(document.Span, field));
        var image = format == VisualizationFormat.Dot
            ? System.Text.Encoding.UTF8.GetBytes(dot)
            : await renderer.RenderAsync(dot, format, cancellationToken);
        return new GetPipelineVisualizationResponse { ImageData = ByteString.CopyFrom(image), Format = format.Name() };
    }
}
