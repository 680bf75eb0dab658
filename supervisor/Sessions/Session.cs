using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Workers;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>One client session and the worker process that serves it.</summary>
internal sealed class Session(SessionId id, WorkerProcess worker)
{
    public SessionId Id { get; } = id;

    public WorkerProcess Worker { get; } = worker;

    /// <summary>The plugins loaded into this session (kept here so a restarted worker can be replayed).</summary>
    public SessionPlugins Plugins { get; } = new();

    /// <summary>The last pipeline document the worker accepted (kept so a restarted worker can be replayed).</summary>
    public byte[]? PipelineDocument { get; set; }

    /// <summary>Forwards a session-scoped call to this session's worker.</summary>
    public Task<TResponse> ForwardAsync<TResponse>(
        string method,
        Func<SandboxWorker.SandboxWorkerClient, CallOptions, AsyncUnaryCall<TResponse>> call,
        ServerCallContext context) =>
        Worker.CallAsync(method, call, context.Deadline, context.CancellationToken);
}
