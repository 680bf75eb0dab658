using System.Collections.Concurrent;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// Every live session by id. Creating a session reserves a slot under the session limit before
/// its worker starts; closing one stops its worker and frees the slot. On host shutdown every
/// session is closed.
/// </summary>
internal sealed partial class SessionRegistry(
    WorkerFactory workers,
    IOptions<SessionOptions> options,
    ILogger<SessionRegistry> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _slotsInUse;
    private bool _shuttingDown;

    public async Task<Session> CreateAsync(CancellationToken cancellationToken)
    {
        ReserveSlot();
        var id = SessionId.New();
        try
        {
            var worker = await workers.StartAsync(id.Value, cancellationToken);
            var session = new Session(id, worker);
            lock (_gate)
            {
                if (!_shuttingDown)
                {
                    _sessions[id.Value] = session;
                    Log.Created(logger, id.Value, worker.ProcessId, _sessions.Count);
                    return session;
                }
            }

            await worker.StopAsync("server shutting down", CancellationToken.None);
            throw new ServerShuttingDownException();
        }
        catch (Exception e)
        {
            ReleaseSlot();
            Log.CreateFailed(logger, id.Value, e.Message);
            throw;
        }
    }

    /// <summary>The live session with this id; <see cref="SessionNotFoundException"/> otherwise.</summary>
    public Session Get(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) ? session : throw new SessionNotFoundException(sessionId);

    public async Task CloseAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryRemove(sessionId, out var session))
        {
            throw new SessionNotFoundException(sessionId);
        }

        try
        {
            await session.Worker.StopAsync("session closed", cancellationToken);
            Log.Closed(logger, sessionId, session.Worker.ProcessId);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _shuttingDown = true;
        }

        var ids = _sessions.Keys.ToArray();
        Log.ClosingAll(logger, ids.Length);
        await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await CloseAsync(id, CancellationToken.None);
            }
            catch (SessionNotFoundException)
            {
                // Closed by its client meanwhile.
            }
        }));
    }

    private void ReserveSlot()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                throw new ServerShuttingDownException();
            }

            var limit = options.Value.MaxSessions;
            if (_slotsInUse >= limit)
            {
                throw new SessionLimitReachedException(limit);
            }

            _slotsInUse++;
        }
    }

    private void ReleaseSlot()
    {
        lock (_gate)
        {
            _slotsInUse--;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Information, "Session {SessionId} created (worker pid {ProcessId}; {SessionCount} open)")]
        public static partial void Created(ILogger logger, string sessionId, int processId, int sessionCount);

        [LoggerMessage(2001, LogLevel.Information, "Session {SessionId} closed (worker pid {ProcessId})")]
        public static partial void Closed(ILogger logger, string sessionId, int processId);

        [LoggerMessage(2002, LogLevel.Warning, "Session {SessionId} could not be created: {Reason}")]
        public static partial void CreateFailed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(2003, LogLevel.Information, "Shutting down: closing {SessionCount} sessions")]
        public static partial void ClosingAll(ILogger logger, int sessionCount);
    }
}
