namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What a launcher needs to know to start one session's worker.</summary>
/// <param name="SessionId">The session the worker will serve.</param>
/// <param name="SessionDirectory">The worker's private directory (socket, scratch).</param>
/// <param name="Endpoint">Where the worker must listen.</param>
/// <param name="MaxMessageBytes">Largest gRPC message on the supervisor-worker channel.</param>
internal sealed record WorkerLaunchSpec(string SessionId, string SessionDirectory, WorkerEndpoint Endpoint, int MaxMessageBytes);
