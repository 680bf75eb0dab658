using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Profiling;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// One client session: its worker (replaced after a crash), the state it replays into a new
/// worker (its plugins, then its pipeline), its private directory and its activity. State a
/// worker accepted is recorded under the worker holder's lock, and only while that worker is
/// still the live one, so a replay always reproduces what the client was told had happened.
/// </summary>
// The gate's wait handle is never asked for, so the semaphore holds nothing to dispose; disposing
// it at close would fail a LoadPipeline still waiting on it with ObjectDisposedException.
#pragma warning disable CA1001 // Types that own disposable fields should be disposable
internal sealed class Session
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _pipelineGate = new(1, 1);
    private readonly List<IDisposable> _cacheLeases = [];
    private LoadPipelineRequest? _pipeline;

    public Session(SessionId id, Access.Caller owner, string directory, Func<Session, SessionWorker> worker, TimeSpan sharedMemoryIdleTimeout, TimeProvider timeProvider)
    {
        Id = id;
        Owner = owner.Principal;
        Created = timeProvider.GetUtcNow();
        Directory = directory;
        PluginDirectory = Path.Combine(directory, "plugins");
        System.IO.Directory.CreateDirectory(PluginDirectory);
        Activity = new SessionActivity(timeProvider);
        Worker = worker(this);
        Arenas = new SessionArenas(sharedMemoryIdleTimeout, timeProvider, arena => Worker.CurrentClient?.ReleaseArena(arena));
    }

    public SessionId Id { get; }

    /// <summary>The principal that created it: the only one it answers.</summary>
    public string Owner { get; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; }

    /// <summary>The session's private directory; removed when it closes.</summary>
    public string Directory { get; }

    /// <summary>Where plugin builds are staged for this session, outside any worker's own directory.</summary>
    public string PluginDirectory { get; }

    public SessionWorker Worker { get; }

    public SessionActivity Activity { get; }

    /// <summary>The shared-memory arenas its large Inference calls travel in; released when it closes.</summary>
    public SessionArenas Arenas { get; }

    /// <summary>Whether the worker holds a pipeline the session loaded.</summary>
    public bool HasPipeline => Volatile.Read(ref _pipeline) is not null;

    /// <summary>The document of the last pipeline the session loaded (what a new worker is given), or null before the first.</summary>
    public ReadOnlyMemory<byte>? PipelineDocument => Volatile.Read(ref _pipeline)?.Config?.ConfigBytes.Memory;

    /// <summary>The plugins loaded into this session, in load order.</summary>
    public SessionPlugins Plugins { get; } = new();

    /// <summary>Its per-node timings, when profiling is on; kept across worker recovery, restarted by a new pipeline.</summary>
    public SessionProfiling Profiling { get; } = new();

    /// <summary>
    /// Loads a pipeline into the worker and records it for replay. LoadPipeline calls of one
    /// session run one at a time, so the recorded pipeline is the one the worker holds.
    /// </summary>
    public async Task<LoadPipelineResponse> LoadPipelineAsync(LoadPipelineRequest request, DateTime deadline, CancellationToken cancellationToken)
    {
        await _pipelineGate.WaitAsync(cancellationToken);
        try
        {
            Worker? loadedInto = null;
            var response = await Worker.CallAsync("LoadPipeline", (worker, call) =>
            {
                loadedInto = worker;
                return worker.Client.LoadPipelineAsync(request, call);
            }, deadline, cancellationToken);

            var recorded = request.Clone();
            recorded.SessionId = "";
            if (!Worker.RecordIfCurrent(loadedInto!, () =>
                {
                    _pipeline = recorded;
                    Profiling.Restart();
                }))
            {
                throw new WorkerUnavailableException(
                    $"The worker of session {Id} crashed right after accepting the pipeline, so the session recovers "
                    + "with the pipeline it had before. Load the pipeline again.");
            }

            return response;
        }
        finally
        {
            _pipelineGate.Release();
        }
    }

    /// <summary>
    /// Brings a fresh worker to the state the session's clients saw: every plugin from its staged
    /// build (never refetched or rebuilt), then the last pipeline, whose nodes are constructed anew.
    /// </summary>
    public async Task ReplayAsync(Worker worker, CancellationToken cancellationToken)
    {
        foreach (var plugin in Plugins.Snapshot())
        {
            var response = await worker.Client.LoadPluginAsync(plugin.StageInto(worker), Worker.ReplayCall("LoadPlugin"));
            if (!response.Loaded)
            {
                throw new PluginLoadException($"Replaying plugin '{plugin.Spec.Name}' into the new worker failed: {response.Error}");
            }
        }

        // Recorded only while no recovery runs, so this read sees the last pipeline the old worker accepted.
        var pipeline = Volatile.Read(ref _pipeline);
        if (pipeline is not null)
        {
            await worker.Client.LoadPipelineAsync(pipeline, Worker.ReplayCall("LoadPipeline"));
        }
    }

    /// <summary>Keeps plugin cache entries this session loaded from evicted until it closes, so a reload hits them.</summary>
    public void HoldCacheEntries(IDisposable lease)
    {
        lock (_cacheLeases)
        {
            _cacheLeases.Add(lease);
        }
    }

    /// <summary>Stops the session's worker (and any recovery) and lets go of the cache entries it pinned.</summary>
    public async Task CloseAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            await Worker.StopAsync(reason, cancellationToken);
        }
        finally
        {
            Arenas.Dispose();
            lock (_cacheLeases)
            {
                foreach (var lease in _cacheLeases)
                {
                    lease.Dispose();
                }

                _cacheLeases.Clear();
            }
        }
    }
}
