using System.Diagnostics;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.Schemas;
using Cuvis.Sandbox.Worker.Tensors;
using Grpc.Core;
using LoadPluginRequest = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginRequest;
using LoadPluginResponse = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginResponse;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// The worker's private gRPC surface. Control calls (initialise, health, shutdown) are answered
/// here; session-scoped calls answer for the one session this worker serves. Plugins load into
/// the session's <see cref="PluginRegistry"/> and show in its <see cref="NodeCatalog"/>; the
/// session's pipeline lives in its <see cref="PipelineHost"/>. Status codes: <see cref="WorkerExceptionInterceptor"/>.
/// </summary>
internal sealed class SandboxWorkerGrpcService(
    WorkerSession session,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    PluginLoader pluginLoader,
    NodeCatalog nodeCatalog,
    PipelineHost pipelines,
    PipelineBuilder builder,
    ParameterSchemas schemas,
    RunningCalls runningCalls,
    SharedArenas arenas,
    LargeCallMemory largeCalls,
    WorkerArguments arguments,
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

        if (request.Rehearsal)
        {
            // A pooled worker's warm-up: the answer a bind gets, without the bind.
            WorkerLog.InitializeRehearsed(logger, session.Id, Environment.ProcessId);
        }
        else if (request.SessionId.Length == 0 || !session.TryBind(request.SessionId))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                request.SessionId.Length == 0 ? "Initialize names no session." : "This worker already serves another session."));
        }
        else
        {
            WorkerLog.Initialized(logger, session.Id, Environment.ProcessId);
        }

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
            RunningCalls = { runningCalls.Snapshot() },
            Status = lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthResponse.Types.ServingStatus.Stopping
                : HealthResponse.Types.ServingStatus.Serving,
            UptimeMs = (long)timeProvider.GetElapsedTime(StartedAt).TotalMilliseconds,
            WorkingSetBytes = Environment.WorkingSet,
            ManagedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
        });

    public override Task<ShutdownResponse> Shutdown(ShutdownRequest request, ServerCallContext context)
    {
        WorkerLog.ShutdownRequested(logger, session.Id, request.Reason);
        lifetime.StopApplication();
        return Task.FromResult(new ShutdownResponse());
    }

    public override async Task<WarmUpResponse> WarmUp(WarmUpRequest request, ServerCallContext context)
    {
        if (session.IsBound)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "A worker bound to its session is not warmed up."));
        }

        // Built by the builder, not the host: the session will find no pipeline loaded.
        var result = builder.Build(request.Pipeline?.Config?.ConfigBytes.Memory ?? ReadOnlyMemory<byte>.Empty);
        var pipeline = result.Pipeline ?? throw new PipelineRejectedException(result);
        var inputs = BatchInputs.Decode(request.Inference?.Inputs);
        var run = await Task.Run(() => pipeline.Run(inputs, request.Inference?.OutputSpecs ?? [], context.CancellationToken), context.CancellationToken);
        return new WarmUpResponse { Nodes = nodeCatalog.List().ToProto(), Inference = Respond(run) };
    }

    // A plugin's own faults come back in the response (loaded = false), not as a status: the
    // supervisor reports them per plugin while the session carries on.
    public override Task<LoadPluginResponse> LoadPlugin(LoadPluginRequest request, ServerCallContext context) =>
        Task.FromResult(pluginLoader.Load(request.ToDomain()).ToProto());

    public override Task<ListAvailableNodesResponse> ListAvailableNodes(ListAvailableNodesRequest request, ServerCallContext context) =>
        Task.FromResult(nodeCatalog.List().ToProto());

    public override Task<LoadPipelineResponse> LoadPipeline(LoadPipelineRequest request, ServerCallContext context)
    {
        var result = pipelines.Load(request.Config?.ConfigBytes.Memory ?? ReadOnlyMemory<byte>.Empty);
        var pipeline = result.Pipeline ?? throw new PipelineRejectedException(result);
        return Task.FromResult(new LoadPipelineResponse { Success = true, Metadata = pipeline.Metadata.ToProto(), PipelineId = pipeline.Id });
    }

    // Built as LoadPipeline builds it (node constructors run, contained as everything here), then dropped.
    public override Task<ValidateConfigResponse> ValidatePipeline(ValidateConfigRequest request, ServerCallContext context)
    {
        var result = builder.Build(request.ConfigBytes.Memory);
        var response = new ValidateConfigResponse { Valid = result.Pipeline is not null };
        response.Errors.Add(result.Lines);
        return Task.FromResult(response);
    }

    public override Task<GetPipelineInputsResponse> GetPipelineInputs(GetPipelineInputsRequest request, ServerCallContext context) =>
        Task.FromResult(CurrentPipeline().Inputs.ToInputsProto());

    public override Task<GetPipelineOutputsResponse> GetPipelineOutputs(GetPipelineOutputsRequest request, ServerCallContext context) =>
        Task.FromResult(CurrentPipeline().Outputs.ToOutputsProto());

    public override async Task<InferenceResponse> Inference(InferenceRequest request, ServerCallContext context)
    {
        using var call = largeCalls.Begin();
        var response = await RunAsync(request, context);
        call.Bytes = (long)request.CalculateSize() + response.CalculateSize();
        return response;
    }

    // Reflection over the session's node classes, metadata only: no plugin code runs.
    public override Task<GetParameterSchemaResponse> GetParameterSchema(GetParameterSchemaRequest request, ServerCallContext context) =>
        Task.FromResult(new GetParameterSchemaResponse { JsonSchema = schemas.Describe(request.ConfigType) });

    public override async Task<SharedInferenceResponse> InferenceShared(SharedInferenceRequest request, ServerCallContext context)
    {
        using var call = largeCalls.Begin();
        var arena = await arenas.GetAsync(request.ArenaId, context.CancellationToken);
        var response = await RunAsync(SharedInference.ReadRequest(arena, request.RequestLength), context);
        var (offset, length) = SharedInference.WriteResponse(arena, request.RequestLength, response, arguments.MaxMessageBytes);
        call.Bytes = request.RequestLength + length;
        return new SharedInferenceResponse { ResponseOffset = offset, ResponseLength = length };
    }

    private async Task<InferenceResponse> RunAsync(InferenceRequest request, ServerCallContext context)
    {
        var pipeline = CurrentPipeline();
        var inputs = BatchInputs.Decode(request.Inputs);
        // Nodes are CPU-bound and synchronous: run them off the request thread, cancellable between nodes.
        var result = await Task.Run(() => pipeline.Run(inputs, request.OutputSpecs, context.CancellationToken), context.CancellationToken);
        NodeTimesTrailer.AddTo(context.ResponseTrailers, result.NodeTimes);
        return Respond(result);
    }

    private static InferenceResponse Respond(PipelineRunResult result)
    {
        var response = new InferenceResponse();
        foreach (var (key, tensor) in result.Outputs)
        {
            response.Outputs[key] = TensorCodec.Encode(tensor);
        }

        foreach (var (key, value) in result.Metrics)
        {
            response.Metrics[key] = value;
        }

        return response;
    }

    private Pipeline CurrentPipeline() => pipelines.Current ?? throw new NoPipelineLoadedException(session.Id);
}
