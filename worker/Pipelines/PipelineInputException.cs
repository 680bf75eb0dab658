namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// A run was refused before any node ran: a required input is missing, a tensor does not fit its
/// port, or an output selector names no output. The message gives every such problem, one
/// sentence each; <see cref="Problems"/> gives each field at fault with the sentence about it.
/// </summary>
internal sealed class PipelineInputException(IReadOnlyList<PipelineInputProblem> problems)
    : Exception(string.Join(" ", problems.Select(problem => problem.Description)))
{
    public IReadOnlyList<PipelineProblem> Problems { get; } =
        [.. problems.SelectMany(problem => problem.Fields.Select(field => new PipelineProblem(field, problem.Description)))];
}
