using System.Diagnostics;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Plugins;
using Grpc.Core;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// The worker's private gRPC surface. Control calls (initialise, health, shutdown) are answered
/// here; session-scoped calls answer for the one session this worker serves. Plugins load into
/// the session's <see cref="PluginRegistry"/> and show in its <see cref="NodeCatalog"/>; pipelines
/// arrive with their own feature, and until then the pipeline calls answer as for a session
/// with none loaded.
/// </summary>
internal sealed class SandboxWorkerGrpcService(
    WorkerArguments arguments,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    PluginLoader pluginLoader,
    NodeCatalog nodeCatalog,
    ILogger<SandboxWorkerGrpcService> logger) : SandboxWorker.SandboxWorkerBase
{
    private static readonly long StartedAt = Stopwatch.GetTimestamp();

    public override Task<InitializeResponse> Initialize(InitializeRequest request, ServerCallContext context)
    {
        if (request.ProtocolVersion != WorkerProtocol.Version)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Protocol mismatch: supervisor speaks {request.ProtocolVersion}, worker speaks {WorkerProtocol.Version}. "
                + "Run a supervisor and worker from the same build."));
        }

        if (!string.Equals(request.SessionId, arguments.SessionId, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                "This worker was started for another session."));
        }

        WorkerLog.Initialized(logger, arguments.SessionId, Environment.ProcessId);
        return Task.FromResult(new InitializeResponse
        {
            ProtocolVersion = WorkerProtocol.Version,
            ProcessId = Environment.ProcessId,
            Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        });
    }

    public override Task<HealthResponse> Health(HealthRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthResponse
        {
            Status = lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthResponse.Types.ServingStatus.Stopping
                : HealthResponse.Types.ServingStatus.Serving,
            UptimeMs = (long)timeProvider.GetElapsedTime(StartedAt).TotalMilliseconds,
            WorkingSetBytes = Environment.WorkingSet,
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
        });

    public override Task<ShutdownResponse> Shutdown(ShutdownRequest request, ServerCallContext context)
    {
        WorkerLog.ShutdownRequested(logger, arguments.SessionId, request.Reason);
        lifetime.StopApplication();
        return Task.FromResult(new ShutdownResponse());
    }

    // A plugin's own faults come back in the response (loaded = false), not as a status: the
    // supervisor reports them per plugin while the session carries on.
    public override Task<LoadPluginResponse> LoadPlugin(LoadPluginRequest request, ServerCallContext context) =>
        Task.FromResult(pluginLoader.Load(request.ToDomain()).ToProto());

    public override Task<ListAvailableNodesResponse> ListAvailableNodes(ListAvailableNodesRequest request, ServerCallContext context) =>
        Task.FromResult(nodeCatalog.List().ToProto());

    public override Task<GetPipelineInputsResponse> GetPipelineInputs(GetPipelineInputsRequest request, ServerCallContext context) =>
        throw NoPipeline();

    public override Task<GetPipelineOutputsResponse> GetPipelineOutputs(GetPipelineOutputsRequest request, ServerCallContext context) =>
        throw NoPipeline();

    public override Task<InferenceResponse> Inference(InferenceRequest request, ServerCallContext context) =>
        throw NoPipeline();

    private RpcException NoPipeline() =>
        new(new Status(StatusCode.FailedPrecondition,
            $"No pipeline is loaded in session {arguments.SessionId}. Call LoadPipeline first."));
}
