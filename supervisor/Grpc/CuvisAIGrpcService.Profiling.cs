using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Profiling;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Upstream's per-node profiling. Nodes run only at the inference stage here, so every profile
/// is of <see cref="ExecutionStage.Inference"/>, and asking for another stage finds nothing.
/// <c>synchronize_cuda</c> is accepted and has no effect: nodes run on the CPU.
/// </summary>
internal sealed partial class CuvisAIGrpcService
{
    public override Task<SetProfilingResponse> SetProfiling(SetProfilingRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var skip = request.HasSkipFirstN ? request.SkipFirstN : 0;
            if (skip < 0)
            {
                throw InvalidProfilingRequestException.NegativeSkip(skip);
            }

            session.Profiling.Configure(request.Enabled, request.HasReset && request.Reset, skip);
            return Task.FromResult(new SetProfilingResponse { ProfilingEnabled = session.Profiling.Enabled });
        });

    public override Task<GetProfilingSummaryResponse> GetProfilingSummary(GetProfilingSummaryRequest request, ServerCallContext context) =>
        InSessionAsync(request.SessionId, context, session =>
        {
            var response = new GetProfilingSummaryResponse();
            if (!request.HasStage || request.Stage is ExecutionStage.Unspecified or ExecutionStage.Inference)
            {
                response.NodeStats.Add(session.Profiling.Summary());
            }

            return Task.FromResult(response);
        });
}
