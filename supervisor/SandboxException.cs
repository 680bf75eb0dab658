namespace Cuvis.Sandbox.Supervisor;

/// <summary>
/// Base of every expected failure the supervisor reports to a client. Messages are written for
/// the client: they say what went wrong and what to do next. The gRPC status each derived type
/// maps to is decided in one place, <see cref="Grpc.DomainExceptionInterceptor"/>.
/// </summary>
internal abstract class SandboxException : Exception
{
    protected SandboxException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The fields of the request at fault, when the failure is about some; sent beside the message as rich error details.</summary>
    public virtual IReadOnlyList<FieldProblem> FieldProblems => [];
}
