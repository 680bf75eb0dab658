namespace Cuvis.Sandbox.Supervisor.Training;

/// <summary>
/// A training RPC of upstream's API (LoadPipelineWeights, SetTrainRunConfig, Train, StopTrain,
/// GetTrainStatus, SaveTrainRun, RestoreTrainRun). This server runs training-free pipelines: it
/// keeps no optimiser, trainer or weights, so these are UNIMPLEMENTED rather than answered empty.
/// </summary>
internal sealed class TrainingNotSupportedException(string rpc)
    : SandboxException(
        $"{rpc} is not available: this server runs training-free pipelines (statistical and plugin nodes, no trainable weights). "
        + "Train with cuvis-ai itself, then serve the trained pipeline's nodes as a plugin; GetTrainingCapabilities lists what is offered (nothing).")
{
    public string Rpc { get; } = rpc;
}
