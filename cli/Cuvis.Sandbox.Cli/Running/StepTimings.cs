namespace Cuvis.Sandbox.Cli.Running;

/// <summary>How long each step of a run took, in the order they ran, in milliseconds.</summary>
internal sealed class StepTimings(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private readonly Dictionary<string, double> _steps = [];

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> run)
    {
        var start = time.GetTimestamp();
        try
        {
            return await run();
        }
        finally
        {
            _steps[step] = Math.Round(time.GetElapsedTime(start).TotalMilliseconds, 1);
        }
    }

    public Task TimeAsync(string step, Func<Task> run) => TimeAsync(step, async () =>
    {
        await run();
        return true;
    });

    /// <summary>Every step so far, and <c>total</c> since this was made.</summary>
    public IReadOnlyDictionary<string, double> Snapshot() =>
        new Dictionary<string, double>(_steps) { ["total"] = Math.Round(time.GetElapsedTime(_start).TotalMilliseconds, 1) };
}
