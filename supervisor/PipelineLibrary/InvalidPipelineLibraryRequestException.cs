namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>A pipeline-library request names something it may not, or asks what cannot be done: INVALID_ARGUMENT naming the field.</summary>
/// <param name="problem">What is wrong and what to give instead, as a clause.</param>
/// <param name="field">The request field at fault.</param>
internal sealed class InvalidPipelineLibraryRequestException(string problem, string field)
    : SandboxException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".")
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, char.ToUpperInvariant(problem[0]) + problem[1..] + ".")];
}
