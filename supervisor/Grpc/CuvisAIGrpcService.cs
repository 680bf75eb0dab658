using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.PipelineLibrary;
using Cuvis.Sandbox.Supervisor.Pipelines;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Schemas;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Visualization;
using Cuvis.Sandbox.Supervisor.Workers;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// The public <c>cuvis_ai.v1.CuvisAIService</c>. Session lifecycle is handled here; every
/// session-scoped call is checked against the registry (unknown or expired id: NOT_FOUND; failed
/// session: FAILED_PRECONDITION), counted as the session's activity, and answered by the session
/// or forwarded to its worker. Every call acts as its authenticated <see cref="Caller"/>: a
/// session answers only the principal that created it, and clearing the shared plugin cache
/// takes an admin.
/// </summary>
internal sealed partial class CuvisAIGrpcService(
    SessionRegistry sessions, SessionPluginLoader pluginLoader, PluginResolver plugins, PipelineDirectory pipelines, SearchPathPolicy searchPaths,
    IGraphRenderer renderer)
    : CuvisAIService.CuvisAIServiceBase
{
    public override async Task<CreateSessionResponse> CreateSession(CreateSessionRequest request, ServerCallContext context)
    {
        var session = await sessions.CreateAsync(context.GetCaller(), context.CancellationToken);
        return new CreateSessionResponse { SessionId = session.Id.Value };
    }

    public override async Task<CloseSessionResponse> CloseSession(CloseSessionRequest request, ServerCallContext context)
    {
        await sessions.CloseAsync(request.SessionId, context.GetCaller(), CancellationToken.None);
        return new CloseSessionResponse { Success = true };
    }

    public override Task<LoadPluginsResponse> LoadPlugins(LoadPluginsRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, async session =>
        {
            var outcome = await pluginLoader.LoadAsync(session, request.Manifest?.ConfigBytes.Memory ?? ReadOnlyMemory<byte>.Empty,
                context.Deadline, context.CancellationToken);
            return outcome.ToProto();
        });

    public override Task<ListLoadedPluginsResponse> ListLoadedPlugins(ListLoadedPluginsRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var response = new ListLoadedPluginsResponse();
            response.Plugins.Add(session.Plugins.Snapshot().Select(p => p.ToProto()));
            return Task.FromResult(response);
        });

    public override Task<GetPluginInfoResponse> GetPluginInfo(GetPluginInfoRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var plugin = session.Plugins.Find(request.PluginName) ?? throw new PluginNotLoadedException(request.PluginName, request.SessionId);
            return Task.FromResult(new GetPluginInfoResponse { Plugin = plugin.ToProto() });
        });

    public override Task<ListAvailableNodesResponse> ListAvailableNodes(ListAvailableNodesRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("ListAvailableNodes",
            (worker, call) => worker.Client.ListAvailableNodesAsync(request, call), context.Deadline, context.CancellationToken));

    public override async Task<ClearPluginCacheResponse> ClearPluginCache(ClearPluginCacheRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsAdmin)
        {
            throw PermissionDeniedException.NotAdmin(caller, "clear the plugin cache, which every session shares");
        }

        return new() { ClearedCount = await plugins.ClearAsync(request.PluginName, context.CancellationToken) };
    }

    public override Task<LoadPipelineResponse> LoadPipeline(LoadPipelineRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session => request.DataModule.Length != 0
            ? throw new DataModulesNotSupportedException()
            : session.LoadPipelineAsync(request, context.Deadline, context.CancellationToken));

    public override Task<GetPipelineInputsResponse> GetPipelineInputs(GetPipelineInputsRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("GetPipelineInputs",
            (worker, call) => worker.Client.GetPipelineInputsAsync(request, call), context.Deadline, context.CancellationToken));

    public override Task<GetPipelineOutputsResponse> GetPipelineOutputs(GetPipelineOutputsRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("GetPipelineOutputs",
            (worker, call) => worker.Client.GetPipelineOutputsAsync(request, call), context.Deadline, context.CancellationToken));

    /// <summary>
    /// A JSON Schema: without a session, of the pipeline document (answered here); with one, of the
    /// document with the session's node classes or of one class's parameters (by its worker).
    /// </summary>
    public override Task<GetParameterSchemaResponse> GetParameterSchema(GetParameterSchemaRequest request, ServerCallContext context) =>
        request.SessionId.Length == 0
            ? Task.FromResult(new GetParameterSchemaResponse { JsonSchema = SessionlessSchemas.Describe(request.ConfigType) })
            : InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("GetParameterSchema",
                (worker, call) => worker.Client.GetParameterSchemaAsync(request, call), context.Deadline, context.CancellationToken));

    /// <summary>
    /// Inference, bound by <see cref="CheckedServiceMethodProvider"/> in place of the generated
    /// method: a large request arrives unparsed in a shared-memory file, which closes when the call
    /// ends, and its answer is copied from the worker's file straight into the response.
    /// </summary>
    public Task<InferenceAnswer> Inference(InferenceCall request, ServerCallContext context)
    {
        context.GetHttpContext().Response.RegisterForDispose(request);
        return InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("Inference",
            (worker, call) => worker.Client.InferenceAsync(request, call, (key, value) =>
            {
                context.ResponseTrailers.Add(key, value);
                session.Profiling.Observe(key, value);
            }), context.Deadline, context.CancellationToken));
    }

    private async Task<T> InSessionAsync<T>(string sessionId, ServerCallContext context, Func<Session, Task<T>> call)
    {
        var session = sessions.Get(sessionId, context.GetCaller());
        session.Worker.ThrowIfFailed();
        using var activity = session.Activity.Begin();
        return await call(session);
    }
}
