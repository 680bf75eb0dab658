namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>No pipeline file at the given path: NOT_FOUND.</summary>
internal sealed class PipelineNotFoundException(string field, string path, IEnumerable<string> searched)
    : SandboxException($"No pipeline '{path}' ({field}) in {string.Join(" or ", searched)}; ListAvailablePipelines lists the pipelines there.")
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, $"No pipeline '{path}'.")];
}
