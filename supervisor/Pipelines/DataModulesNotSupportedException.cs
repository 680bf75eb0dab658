namespace Cuvis.Sandbox.Supervisor.Pipelines;

/// <summary>
/// A LoadPipeline request with upstream's <c>data_module</c> set. Data modules feed training
/// datasets; this server has none, and a pipeline's inputs come with each Inference call.
/// </summary>
internal sealed class DataModulesNotSupportedException()
    : SandboxException(
        "LoadPipelineRequest.data_module is set, but this server has no data modules: it runs inference on the tensors each Inference call sends. "
        + "Leave data_module empty and send the pipeline alone.")
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new("data_module", "must be empty: this server has no data modules.")];
}
