using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Training;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Upstream's training RPCs. This server runs training-free pipelines, so each answers
/// UNIMPLEMENTED saying so (whatever the session), and GetTrainingCapabilities answers that
/// nothing is offered: empty lists, so a client can ask before it tries.
/// </summary>
internal sealed partial class CuvisAIGrpcService
{
    public override Task<GetTrainingCapabilitiesResponse> GetTrainingCapabilities(GetTrainingCapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(new GetTrainingCapabilitiesResponse());

    public override Task<LoadPipelineWeightsResponse> LoadPipelineWeights(LoadPipelineWeightsRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("LoadPipelineWeights");

    public override Task<SetTrainRunConfigResponse> SetTrainRunConfig(SetTrainRunConfigRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("SetTrainRunConfig");

    public override Task Train(TrainRequest request, IServerStreamWriter<TrainResponse> responseStream, ServerCallContext context) =>
        throw new TrainingNotSupportedException("Train");

    public override Task<StopTrainResponse> StopTrain(StopTrainRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("StopTrain");

    public override Task<GetTrainStatusResponse> GetTrainStatus(GetTrainStatusRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("GetTrainStatus");

    public override Task<SaveTrainRunResponse> SaveTrainRun(SaveTrainRunRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("SaveTrainRun");

    public override Task<RestoreTrainRunResponse> RestoreTrainRun(RestoreTrainRunRequest request, ServerCallContext context) =>
        throw new TrainingNotSupportedException("RestoreTrainRun");
}
