using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>Upstream's LoadPlugin: one plugin per call, from a single-plugin manifest in JSON or YAML.</summary>
internal sealed partial class CuvisAIGrpcService
{
    public override Task<LoadPluginResponse> LoadPlugin(LoadPluginRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, async session =>
        {
            var (registered, error) = await pluginLoader.LoadSingleAsync(session, request.Manifest?.ConfigBytes.Memory ?? ReadOnlyMemory<byte>.Empty,
                context.Deadline, context.CancellationToken);
            return new LoadPluginResponse { RegisteredPlugin = registered ?? "", Error = error ?? "" };
        });
}
