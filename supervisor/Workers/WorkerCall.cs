namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>One forwarded call as the worker client sends it.</summary>
/// <param name="Id">Sent as <c>x-cuvis-call-id</c>; the worker lists it in Health while the handler runs.</param>
/// <param name="Method">The RPC, for messages.</param>
/// <param name="Deadline">The earlier of the client's deadline and the RPC's configured limit.</param>
/// <param name="DeadlineSource">What set <paramref name="Deadline"/>, for the DEADLINE_EXCEEDED message.</param>
/// <param name="CancellationToken">The client's cancellation.</param>
internal readonly record struct WorkerCall(
    long Id, string Method, DateTime Deadline, string DeadlineSource, CancellationToken CancellationToken);
