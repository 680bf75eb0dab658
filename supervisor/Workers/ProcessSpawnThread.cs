using System.Collections.Concurrent;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// One long-lived thread that starts every worker process. Linux delivers a child's
/// parent-death signal when the <em>thread</em> that forked it exits, not the process: a worker
/// forked from a pool thread would be killed whenever the pool retires that thread. Forking
/// from this thread ties the signal to the supervisor's life.
/// </summary>
internal sealed class ProcessSpawnThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public ProcessSpawnThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "worker-spawn" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="start"/> on the spawn thread and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> start)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(start());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }

    private void Run()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }
}
