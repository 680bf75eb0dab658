using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Sessions;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// The public <c>cuvis_ai.v1.CuvisAIService</c>. Session lifecycle is handled here; every
/// session-scoped call is checked against the registry (unknown id: NOT_FOUND) and forwarded to
/// that session's worker.
/// </summary>
internal sealed class CuvisAIGrpcService(SessionRegistry sessions, SessionPluginLoader pluginLoader, PluginResolver plugins)
    : CuvisAIService.CuvisAIServiceBase
{
    public override async Task<CreateSessionResponse> CreateSession(CreateSessionRequest request, ServerCallContext context)
    {
        var session = await sessions.CreateAsync(context.CancellationToken);
        return new CreateSessionResponse { SessionId = session.Id.Value };
    }

    public override async Task<CloseSessionResponse> CloseSession(CloseSessionRequest request, ServerCallContext context)
    {
        await sessions.CloseAsync(request.SessionId, CancellationToken.None);
        return new CloseSessionResponse { Success = true };
    }

    public override async Task<LoadPluginsResponse> LoadPlugins(LoadPluginsRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId);
        var outcome = await pluginLoader.LoadAsync(session, request.Manifest?.ConfigBytes.Memory ?? ReadOnlyMemory<byte>.Empty,
            context.Deadline, context.CancellationToken);
        return outcome.ToProto();
    }

    public override Task<ListLoadedPluginsResponse> ListLoadedPlugins(ListLoadedPluginsRequest request, ServerCallContext context)
    {
        var response = new ListLoadedPluginsResponse();
        response.Plugins.Add(sessions.Get(request.SessionId).Plugins.Snapshot().Select(p => p.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<GetPluginInfoResponse> GetPluginInfo(GetPluginInfoRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId);
        var plugin = session.Plugins.Find(request.PluginName) ?? throw new PluginNotLoadedException(request.PluginName, request.SessionId);
        return Task.FromResult(new GetPluginInfoResponse { Plugin = plugin.ToProto() });
    }

    public override Task<ListAvailableNodesResponse> ListAvailableNodes(ListAvailableNodesRequest request, ServerCallContext context) =>
        sessions.Get(request.SessionId).ForwardAsync("ListAvailableNodes",
            (worker, options) => worker.ListAvailableNodesAsync(request, options), context);

    public override async Task<ClearPluginCacheResponse> ClearPluginCache(ClearPluginCacheRequest request, ServerCallContext context) =>
        new() { ClearedCount = await plugins.ClearAsync(request.PluginName, context.CancellationToken) };

    public override async Task<LoadPipelineResponse> LoadPipeline(LoadPipelineRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId);
        var response = await session.ForwardAsync("LoadPipeline",
            (worker, options) => worker.LoadPipelineAsync(request, options), context);
        session.PipelineDocument = request.Config?.ConfigBytes.ToByteArray();
        return response;
    }

    public override Task<GetPipelineInputsResponse> GetPipelineInputs(GetPipelineInputsRequest request, ServerCallContext context) =>
        sessions.Get(request.SessionId).ForwardAsync("GetPipelineInputs",
            (worker, options) => worker.GetPipelineInputsAsync(request, options), context);

    public override Task<GetPipelineOutputsResponse> GetPipelineOutputs(GetPipelineOutputsRequest request, ServerCallContext context) =>
        sessions.Get(request.SessionId).ForwardAsync("GetPipelineOutputs",
            (worker, options) => worker.GetPipelineOutputsAsync(request, options), context);

    public override Task<InferenceResponse> Inference(InferenceRequest request, ServerCallContext context) =>
        sessions.Get(request.SessionId).ForwardAsync("Inference",
            (worker, options) => worker.InferenceAsync(request, options), context);
}
