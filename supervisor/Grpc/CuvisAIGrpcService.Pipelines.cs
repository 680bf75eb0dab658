using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.PipelineLibrary;
using Cuvis.Sandbox.Supervisor.Schemas;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>Upstream's pipeline library: the configured pipelines directory, listed, read, resolved with overrides and saved into; and a session's search paths.</summary>
internal sealed partial class CuvisAIGrpcService
{
    public override Task<ListAvailablePipelinesResponse> ListAvailablePipelines(ListAvailablePipelinesRequest request, ServerCallContext context)
    {
        var response = new ListAvailablePipelinesResponse();
        response.Pipelines.Add(pipelines.List(request.HasFilterTag ? request.FilterTag : null));
        return Task.FromResult(response);
    }

    public override Task<GetPipelineInfoResponse> GetPipelineInfo(GetPipelineInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new GetPipelineInfoResponse { PipelineInfo = pipelines.Info(request.PipelinePath, "pipeline_path", []) });

    public override Task<ResolveConfigResponse> ResolveConfig(ResolveConfigRequest request, ServerCallContext context)
    {
        if (request.ConfigType is not ("pipeline" or ""))
        {
            throw new InvalidSchemaRequestException($"ResolveConfig resolves config_type \"pipeline\" only (got \"{request.ConfigType}\").", "config_type");
        }

        IReadOnlyList<string> sessionPaths = request.SessionId.Length == 0 ? [] : sessions.Get(request.SessionId, context.GetCaller()).SearchPaths.Snapshot();
        return Task.FromResult(new ResolveConfigResponse
        {
            ConfigBytes = UnsafeByteOperations.UnsafeWrap(pipelines.Resolve(request.Path, request.Overrides, sessionPaths)),
        });
    }

    public override Task<SavePipelineResponse> SavePipeline(SavePipelineRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var document = session.PipelineDocument ?? throw new NoPipelineToSaveException(request.SessionId);
            var path = pipelines.Save(document, request.PipelinePath, request.Metadata);
            return Task.FromResult(new SavePipelineResponse { Success = true, PipelinePath = path });
        });

    public override Task<SetSessionSearchPathsResponse> SetSessionSearchPaths(SetSessionSearchPathsRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var (accepted, rejected) = searchPaths.Split(request.SearchPaths);
            var response = new SetSessionSearchPathsResponse { Success = rejected.Count == 0 };
            response.CurrentPaths.Add(session.SearchPaths.Set(accepted, !request.HasAppend || request.Append));
            response.RejectedPaths.Add(rejected);
            return Task.FromResult(response);
        });
}
