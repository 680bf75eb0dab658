namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>A client may not pass tensors by shm_ref (remote, or the feature is off): PERMISSION_DENIED.</summary>
internal sealed class SharedInputsDeniedException(string field, string reason)
    : SandboxException($"{field} names a shared-memory segment, but {reason}. Send the tensor's bytes in raw_data instead.")
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, reason)];
}
