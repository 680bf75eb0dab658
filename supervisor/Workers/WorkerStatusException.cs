using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// The worker answered a call with a status of its own (a rejected pipeline, a node that threw):
/// the client receives exactly that status and detail.
/// </summary>
internal sealed class WorkerStatusException(StatusCode statusCode, string detail, Exception? innerException = null)
    : SandboxException(detail, innerException)
{
    public StatusCode StatusCode { get; } = statusCode;
}
