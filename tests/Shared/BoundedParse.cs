namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>
/// Runs one parse of hostile input the way the property tests and fuzz-corpus tests need it: on a
/// thread of its own (the worker's handlers run on thread-pool threads of the same default stack
/// size), under a time limit so a hang fails the test with the input instead of stalling it, and
/// counting the bytes its second run allocated (the first fills per-thread pools and caches) so an
/// allocation sized by the input's claims shows.
/// </summary>
internal static class BoundedParse
{
    /// <summary>Far longer than any parse of a test input takes; only a hang reaches it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static ParseRun<T> Run<T>(Func<T> parse)
    {
        ParseRun<T>? run = null;
        var thread = new Thread(() =>
        {
            // A first, unmeasured parse fills what a thread fills once (the array pool's per-thread
            // buckets, lazily built caches); the measured second one allocates what every parse of
            // this input does, which is where an allocation sized by the input's claims shows.
            try
            {
                parse();
            }
            catch (Exception)
            {
                // Measured below.
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var value = parse();
                run = new ParseRun<T>(value, null, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (Exception e)
            {
                run = new ParseRun<T>(default, e, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        })
        {
            IsBackground = true,
            Name = "bounded-parse",
        };

        thread.Start();
        if (!thread.Join(Timeout))
        {
            throw new TimeoutException($"The parse did not finish within {Timeout.TotalSeconds:0} s: a hang.");
        }

        return run!;
    }
}
