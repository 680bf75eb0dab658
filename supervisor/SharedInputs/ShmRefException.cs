namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>An input tensor's <c>shm_ref</c> cannot be read: INVALID_ARGUMENT naming the tensor's field.</summary>
/// <param name="problem">What is wrong, as a clause.</param>
/// <param name="field">The field at fault, such as <c>inputs.cube.shm_ref.byte_size</c>.</param>
internal sealed class ShmRefException(string problem, string field)
    : SandboxException($"Cannot read {field}: {problem}.")
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, char.ToUpperInvariant(problem[0]) + problem[1..] + ".")];
}
