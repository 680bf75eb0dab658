using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// The worker answered a call with a status of its own (a rejected pipeline, a node that threw):
/// the client receives that status, detail and field problems (<see cref="WorkerStatusDetails"/>).
/// </summary>
internal sealed class WorkerStatusException(
    StatusCode statusCode, string detail, IReadOnlyList<FieldProblem>? fieldProblems = null, Exception? innerException = null)
    : SandboxException(detail, innerException)
{
    public StatusCode StatusCode { get; } = statusCode;

    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = fieldProblems ?? [];
}
