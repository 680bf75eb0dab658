using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// Blank workers started ahead of their sessions: contained like any other, ready, serving and
/// warmed up, but bound to no session. <see cref="AcquireAsync"/> binds the oldest one to a new
/// session (or a crashed session's recovery) with Initialize, which is its health check: one that
/// has exited or does not answer is killed, never handed out. With none at hand it starts one as
/// before. A pooled worker serves one session and is never returned: CloseSession ends it. The pool refills in the background, one
/// worker at a time, within the <see cref="SessionSlots"/> no session holds, and while the
/// machine is busy with a pause of <see cref="WorkerOptions.PoolBusySpawnInterval"/> after each.
/// A session that finds the pool empty while a pooled worker is being started waits for that
/// one, which is further along than a start of its own would be. Pooled workers start and wait
/// at a low CPU share (<see cref="Containment.Cgroups.CpuShare.Background"/>), so warming
/// them up never slows a live session; the one a session waits for, or binds, gets the usual share.
/// So a pooled worker on a busy machine may take far longer to start than one a session waits
/// for, and it has <see cref="BackgroundStartTimeouts"/> times <see cref="WorkerOptions.StartTimeout"/>
/// before it is given up (a session that waits for it waits only the usual timeout).
/// </summary>
internal sealed partial class WorkerPool(
    WorkerFactory factory,
    SessionSlots slots,
    Containment.ContainmentProbe containment,
    ICpuPressure cpu,
    IOptions<WorkerOptions> options,
    SandboxMetrics metrics,
    TimeProvider timeProvider,
    ILogger<WorkerPool> logger) : BackgroundService
{
    /// <summary>How many <see cref="WorkerOptions.StartTimeout"/>s a pooled worker, starting at a low CPU share, has to become ready.</summary>
    public const int BackgroundStartTimeouts = 10;

    private static readonly TimeSpan FirstFailureBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxFailureBackoff = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly LinkedList<Worker> _ready = [];
    private readonly SemaphoreSlim _wake = new(0);
    private TaskCompletionSource _spawnEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _spawning;
    private int _waiting;
    private Worker? _starting;
    private bool _stopped;

    private int Size => options.Value.PoolSize;

    /// <summary>Workers waiting in the pool now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>
    /// A worker bound to <paramref name="sessionId"/>: a pooled one when one answers Initialize
    /// (one that does not is killed, never handed out), otherwise one started now.
    /// </summary>
    public async Task<Worker> AcquireAsync(string sessionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Take() is not { } pooled)
            {
                // A pool spawn under way is further along than a cold start would be.
                if (!await WaitForSpawnAsync(cancellationToken))
                {
                    break;
                }

                continue;
            }

            try
            {
                if (pooled.HasExited)
                {
                    Log.Discarded(logger, pooled.ProcessId, "it had exited");
                    await pooled.AbandonAsync();
                    continue;
                }

                // Initialize is the health check: a worker that does not answer it within
                // Workers:ControlCallTimeout is killed (BindAsync), never handed out.
                var bound = await factory.BindAsync(pooled, sessionId, cancellationToken);
                metrics.PoolTaken(hit: true);
                Log.Taken(logger, sessionId, bound.ProcessId);
                return bound;
            }
            catch (WorkerStartException e)
            {
                Log.Discarded(logger, pooled.ProcessId, e.Message);
            }
            finally
            {
                // The pool is one short now, whatever became of the worker taken.
                Wake();
            }
        }

        metrics.PoolTaken(hit: false);
        return await factory.StartAsync(sessionId, cancellationToken);
    }

    /// <summary>Waits for a spawn under way that no other session waits for; false when there is none.</summary>
    private async Task<bool> WaitForSpawnAsync(CancellationToken cancellationToken)
    {
        Task ended;
        lock (_gate)
        {
            if (_stopped || _spawning <= _waiting)
            {
                return false;
            }

            _waiting++;
            ended = _spawnEnded.Task;
            // A session needs this one now: it no longer yields the cores.
            _starting?.SetCpuShare(Containment.Cgroups.CpuShare.Normal);
        }

        try
        {
            await ended.WaitAsync(options.Value.StartTimeout, timeProvider, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Size == 0)
        {
            return;
        }

        var report = await containment.GetReportAsync();
        if (report.Profile == Containment.ContainmentProfile.Strict && !report.CanSandbox)
        {
            // Every session is refused with this reason too; pooling cannot help.
            Log.Off(logger, report.SandboxProblem);
            return;
        }

        slots.Released += Wake;
        var backoff = TimeSpan.Zero;
        var lastSpawn = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!IsShort())
                {
                    await _wake.WaitAsync(stoppingToken);
                    continue;
                }

                var busyFor = BusyWait(lastSpawn);
                await Task.Delay(backoff > busyFor ? backoff : busyFor, timeProvider, stoppingToken);
                if (!TryStartSpawn())
                {
                    continue;
                }

                try
                {
                    Add(await factory.SpawnAsync(sessionId: null, warmUp: true, stoppingToken, Starting,
                        startTimeout: options.Value.StartTimeout * BackgroundStartTimeouts));
                    backoff = TimeSpan.Zero;
                }
                finally
                {
                    lastSpawn = timeProvider.GetTimestamp();
                    EndSpawn();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                backoff = backoff == TimeSpan.Zero ? FirstFailureBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxFailureBackoff.Ticks));
                Log.SpawnFailed(logger, e.Message, backoff.TotalSeconds);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Worker[] left;
        lock (_gate)
        {
            _stopped = true;
            left = [.. _ready];
            _ready.Clear();
        }

        await base.StopAsync(cancellationToken);
        metrics.Pooled(-left.Length);
        await Task.WhenAll(left.Select(worker => worker.AbandonAsync()));
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Whether the pool is short of its size and a slot no session holds is free for one more.</summary>
    private bool IsShort()
    {
        lock (_gate)
        {
            return IsShortLocked();
        }
    }

    private bool IsShortLocked()
    {
        var pooled = _ready.Count + _spawning;
        return !_stopped && pooled < Size && slots.InUse + pooled < slots.Limit;
    }

    /// <summary>Counts a spawn in when the pool is still short.</summary>
    private bool TryStartSpawn()
    {
        lock (_gate)
        {
            if (!IsShortLocked())
            {
                return false;
            }

            _spawning++;
            return true;
        }
    }

    /// <summary>The spawn's worker, before its process starts: in the background unless a session already waits for it.</summary>
    private void Starting(Worker worker)
    {
        lock (_gate)
        {
            _starting = worker;
            worker.SetCpuShare(_waiting > 0 ? Containment.Cgroups.CpuShare.Normal : Containment.Cgroups.CpuShare.Background);
        }
    }

    /// <summary>Counts the spawn out and tells the sessions waiting for it.</summary>
    private void EndSpawn()
    {
        TaskCompletionSource ended;
        lock (_gate)
        {
            _spawning--;
            _starting = null;
            ended = _spawnEnded;
            _spawnEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        ended.TrySetResult();
    }

    /// <summary>How long to wait before the next spawn: nothing while the machine is idle, else what is left of the busy interval since the last spawn ended.</summary>
    private TimeSpan BusyWait(long lastSpawn)
    {
        var pressure = cpu.Percent();
        if (lastSpawn == long.MinValue || pressure < options.Value.PoolBusyCpuPressure)
        {
            return TimeSpan.Zero;
        }

        var wait = options.Value.PoolBusySpawnInterval - timeProvider.GetElapsedTime(lastSpawn);
        if (wait > TimeSpan.Zero)
        {
            Log.Throttled(logger, pressure, wait.TotalSeconds);
            return wait;
        }

        return TimeSpan.Zero;
    }

    /// <summary>Pools a worker just started, unless the pool stopped or sessions took its slot meanwhile.</summary>
    private void Add(Worker worker)
    {
        LinkedListNode<Worker>? node = null;
        lock (_gate)
        {
            if (!_stopped && slots.InUse + _ready.Count < slots.Limit)
            {
                node = _ready.AddLast(worker);
            }
        }

        if (node is null)
        {
            _ = worker.AbandonAsync();
            return;
        }

        metrics.Pooled(1);
        Log.Added(logger, worker.ProcessId, Count, Size);
        _ = WatchAsync(node);
    }

    /// <summary>A pooled worker that exits is taken out at once, released, and replaced.</summary>
    private async Task WatchAsync(LinkedListNode<Worker> node)
    {
        var exit = await node.Value.Exited;
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }

            _ready.Remove(node);
        }

        metrics.Pooled(-1);
        Log.Exited(logger, node.Value.ProcessId, exit.Describe());
        await node.Value.AbandonAsync();
        Wake();
    }

    private Worker? Take()
    {
        lock (_gate)
        {
            if (_ready.First is not { } first)
            {
                return null;
            }

            _ready.RemoveFirst();
            metrics.Pooled(-1);
            return first.Value;
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2120, LogLevel.Information, "Worker pool: worker pid {ProcessId} ready ({Pooled} of {Size} pooled)")]
        public static partial void Added(ILogger logger, int processId, int pooled, int size);

        [LoggerMessage(2121, LogLevel.Information, "Session {SessionId}: took pooled worker pid {ProcessId}")]
        public static partial void Taken(ILogger logger, string sessionId, int processId);

        [LoggerMessage(2122, LogLevel.Warning, "Worker pool: discarded worker pid {ProcessId}: {Reason}")]
        public static partial void Discarded(ILogger logger, int processId, string reason);

        [LoggerMessage(2123, LogLevel.Warning, "Worker pool: pooled worker pid {ProcessId} {Exit}; replacing it")]
        public static partial void Exited(ILogger logger, int processId, string exit);

        [LoggerMessage(2124, LogLevel.Warning, "Worker pool: could not start a worker ({Reason}); next try in {BackoffSeconds} s")]
        public static partial void SpawnFailed(ILogger logger, string reason, double backoffSeconds);

        [LoggerMessage(2126, LogLevel.Warning, "Worker pool off: strict containment is unavailable here ({Reason})")]
        public static partial void Off(ILogger logger, string reason);

        [LoggerMessage(2125, LogLevel.Debug, "Worker pool: CPU pressure {Pressure:0}% (Workers:PoolBusyCpuPressure); next spawn in {WaitSeconds:0.0} s")]
        public static partial void Throttled(ILogger logger, double pressure, double waitSeconds);
    }
}
