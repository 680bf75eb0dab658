using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Schemas;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Upstream's ValidateConfig for <c>config_type = "pipeline"</c>: every problem LoadPipeline would
/// report, without loading. The document is built by a contained worker (node classes and their
/// parameters are known only there) and dropped: with <c>session_id</c> (our field 100) the
/// session's own worker, which keeps its pipeline; without, a fresh session's, against the builtin
/// classes, closed when it answers.
/// </summary>
internal sealed partial class CuvisAIGrpcService
{
    public override async Task<ValidateConfigResponse> ValidateConfig(ValidateConfigRequest request, ServerCallContext context)
    {
        if (request.ConfigType != "pipeline")
        {
            throw new InvalidSchemaRequestException(
                $"ValidateConfig checks config_type \"pipeline\" only (got \"{request.ConfigType}\"): this server has no training, data or run configs.", "config_type");
        }

        if (request.SessionId.Length > 0)
        {
            return await InSessionAsync(request.SessionId, context, session => session.Worker.CallAsync("ValidateConfig",
                (worker, call) => worker.Client.ValidatePipelineAsync(request, call), context.Deadline, context.CancellationToken));
        }

        var caller = context.GetCaller();
        var scratch = await sessions.CreateAsync(caller, context.CancellationToken);
        try
        {
            return await scratch.Worker.CallAsync("ValidateConfig",
                (worker, call) => worker.Client.ValidatePipelineAsync(request, call), context.Deadline, context.CancellationToken);
        }
        finally
        {
            await sessions.CloseAsync(scratch.Id.Value, caller, CancellationToken.None);
        }
    }
}
