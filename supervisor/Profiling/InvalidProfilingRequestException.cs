namespace Cuvis.Sandbox.Supervisor.Profiling;

/// <summary>A SetProfiling request that cannot be followed; the session's profile is left as it was.</summary>
internal sealed class InvalidProfilingRequestException(string message, string field) : SandboxException(message)
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, message)];

    public static InvalidProfilingRequestException NegativeSkip(int skip) =>
        new($"skip_first_n is {skip}; it counts Inference calls to leave out as warm-up, so give 0 or more.", "skip_first_n");
}
