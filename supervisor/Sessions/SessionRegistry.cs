using System.Collections.Concurrent;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// Every live session by id. Creating a session reserves a slot under the session limit
/// (<see cref="SessionSlots"/>) before it takes a worker from the <see cref="WorkerPool"/> (or
/// starts one); closing one stops its worker, removes its directory and frees the slot.
/// Idle sessions are expired (<see cref="CloseIdleAsync"/>); on host shutdown every session is closed.
/// A session belongs to the principal that created it: to any other caller it does not exist
/// (the same NOT_FOUND as an unknown id), and a principal holds at most its
/// <see cref="Caller.MaxSessions"/> sessions at once.
/// </summary>
internal sealed partial class SessionRegistry(
    WorkerPool workers,
    SessionSlots slots,
    RuntimeDirectory runtimeDirectory,
    IOptions<SessionOptions> options,
    IOptions<WorkerOptions> workerOptions,
    SandboxMetrics metrics,
    IncidentLog incidents,
    TimeProvider timeProvider,
    ILogger<SessionRegistry> logger) : IHostedService, ISessionLookup
{
    // Enough to answer "expired" for a day of busy churn, bounded so ids cannot grow memory forever.
    private const int RememberedExpiries = 10_000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    // Expired ids with their owners, so only the owner learns that one expired.
    private readonly ConcurrentDictionary<string, string> _expired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _shuttingDown;

    public async Task<Session> CreateAsync(Caller caller, CancellationToken cancellationToken)
    {
        Hold(caller);
        try
        {
            slots.Reserve();
        }
        catch
        {
            Unhold(caller.Principal);
            throw;
        }

        var id = SessionId.New();
        Session? session = null;
        try
        {
            session = new Session(id, caller, runtimeDirectory.CreateSessionDirectory(), NewWorker, workerOptions.Value.SharedMemoryIdleTimeout, timeProvider);
            await session.Worker.StartAsync(cancellationToken);
            lock (_gate)
            {
                if (!_shuttingDown)
                {
                    _sessions[id.Value] = session;
                    metrics.SessionOpened();
                    Log.Created(logger, id.Value, session.Worker.ProcessId, _sessions.Count, caller.Principal);
                    return session;
                }
            }

            throw new ServerShuttingDownException();
        }
        catch (Exception e)
        {
            if (session is not null)
            {
                await CloseAsync(session, "session could not be created", CancellationToken.None);
            }

            slots.Release();
            Unhold(caller.Principal);
            Log.CreateFailed(logger, id.Value, e.Message);
            throw;
        }
    }

    /// <summary>Every live session, of every principal: for the operator page only, never for a caller.</summary>
    public IReadOnlyCollection<Session> All => (IReadOnlyCollection<Session>)_sessions.Values;

    /// <summary>The live session with this id if it is <paramref name="caller"/>'s; NOT_FOUND (saying so when it expired) otherwise.</summary>
    public Session Get(string sessionId, Caller caller) =>
        _sessions.TryGetValue(sessionId, out var session) && session.Owner == caller.Principal ? session : throw NotFound(sessionId, caller);

    public SandboxException? FindProblem(string sessionId, Caller caller) =>
        _sessions.TryGetValue(sessionId, out var session) && session.Owner == caller.Principal ? null : NotFound(sessionId, caller);

    /// <summary>Closes <paramref name="caller"/>'s session <paramref name="sessionId"/>.</summary>
    public Task CloseAsync(string sessionId, Caller caller, CancellationToken cancellationToken) =>
        CloseAsync(Get(sessionId, caller).Id.Value, cancellationToken);

    private async Task CloseAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryRemove(sessionId, out var session))
        {
            throw new SessionNotFoundException(sessionId);
        }

        var processId = session.Worker.ProcessId;
        try
        {
            await CloseAsync(session, "session closed", cancellationToken);
            Log.Closed(logger, sessionId, processId);
        }
        finally
        {
            metrics.SessionClosed();
            slots.Release();
            Unhold(session.Owner);
        }
    }

    /// <summary>Closes every session idle for <see cref="SessionOptions.IdleTimeout"/>; returns how many.</summary>
    public async Task<int> CloseIdleAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.IdleTimeout;
        var idle = _sessions.Values.Where(s => s.Activity.IsIdle(timeout)).Select(s => s.Id.Value).ToArray();
        foreach (var id in idle)
        {
            if (!_sessions.TryGetValue(id, out var session) || !session.Activity.IsIdle(timeout))
            {
                continue;
            }

            if (_expired.Count >= RememberedExpiries)
            {
                _expired.Clear();
            }

            _expired[id] = session.Owner;
            try
            {
                await CloseAsync(id, cancellationToken);
                metrics.SessionExpired();
                incidents.Record(id, IncidentKind.SessionExpired, $"idle for {timeout.TotalSeconds:0} s (Sessions:IdleTimeout)");
                Log.Expired(logger, id, timeout.TotalSeconds);
            }
            catch (SessionNotFoundException)
            {
                // Closed by its client meanwhile.
                _expired.TryRemove(id, out _);
            }
        }

        return idle.Length;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _shuttingDown = true;
        }

        slots.Close();
        var ids = _sessions.Keys.ToArray();
        Log.ClosingAll(logger, ids.Length);
        await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                await CloseAsync(id, CancellationToken.None);
            }
            catch (Exception e) when (e is SessionNotFoundException or SessionExpiredException)
            {
                // Closed by its client meanwhile.
            }
        }));
    }

    private SessionWorker NewWorker(Session session) => new(
        session.Id.Value,
        token => workers.AcquireAsync(session.Id.Value, token),
        session.ReplayAsync,
        options.Value,
        workerOptions.Value,
        metrics,
        incidents,
        timeProvider,
        logger);

    private async Task CloseAsync(Session session, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await session.CloseAsync(reason, cancellationToken);
        }
        finally
        {
            runtimeDirectory.RemoveDirectory(session.Directory);
        }
    }

    private SandboxException NotFound(string sessionId, Caller caller) =>
        _expired.TryGetValue(sessionId, out var owner) && owner == caller.Principal
            ? new SessionExpiredException(sessionId, options.Value.IdleTimeout)
            : new SessionNotFoundException(sessionId);

    /// <summary>Counts a session <paramref name="caller"/> is about to hold; RESOURCE_EXHAUSTED past its own limit.</summary>
    private void Hold(Caller caller)
    {
        lock (_gate)
        {
            var held = _held.GetValueOrDefault(caller.Principal);
            if (caller.MaxSessions > 0 && held >= caller.MaxSessions)
            {
                throw new PrincipalSessionLimitReachedException(caller.Principal, caller.MaxSessions);
            }

            _held[caller.Principal] = held + 1;
        }
    }

    private void Unhold(string principal)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(principal, out var held) && held > 1)
            {
                _held[principal] = held - 1;
            }
            else
            {
                _held.Remove(principal);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Information, "Session {SessionId} created (worker pid {ProcessId}; {SessionCount} open) for principal {Principal}")]
        public static partial void Created(ILogger logger, string sessionId, int processId, int sessionCount, string principal);

        [LoggerMessage(2001, LogLevel.Information, "Session {SessionId} closed (worker pid {ProcessId})")]
        public static partial void Closed(ILogger logger, string sessionId, int processId);

        [LoggerMessage(2002, LogLevel.Warning, "Session {SessionId} could not be created: {Reason}")]
        public static partial void CreateFailed(ILogger logger, string sessionId, string reason);

        [LoggerMessage(2003, LogLevel.Information, "Shutting down: closing {SessionCount} sessions")]
        public static partial void ClosingAll(ILogger logger, int sessionCount);

        [LoggerMessage(2004, LogLevel.Information, "Session {SessionId} expired after {IdleSeconds} s idle and was closed")]
        public static partial void Expired(ILogger logger, string sessionId, double idleSeconds);
    }
}
