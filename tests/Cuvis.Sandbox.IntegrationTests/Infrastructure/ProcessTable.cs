namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>Reads the live process table from /proc, the way an operator would check for leftovers.</summary>
internal static class ProcessTable
{
    /// <summary>Pids whose command line contains <paramref name="fragment"/> (excluding this test process).</summary>
    public static IReadOnlyList<int> Find(string fragment)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(fragment, StringComparison.Ordinal) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
