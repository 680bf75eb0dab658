using System.Security.Cryptography;
using Cuvis.Sandbox.Supervisor.Plugins.Cache;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

internal sealed partial class PluginBuilder
{
    /// <summary>The cache entry (directory) a build of <paramref name="buildKey"/> is published to.</summary>
    public string EntryDirectoryOf(string buildKey) => Path.Combine(BuildsRoot, buildKey);

    /// <summary>The published builds, for eviction to weigh.</summary>
    public IReadOnlyList<string> Entries()
    {
        EnsurePrepared();
        return Directory.Exists(BuildsRoot) ? [.. Directory.EnumerateDirectories(BuildsRoot)] : [];
    }

    /// <summary>
    /// Moves a published build out of <see cref="BuildsRoot"/> with one rename, unless its key is
    /// being built or served right now, so no lookup ever sees it half deleted.
    /// </summary>
    /// <returns>Where it went, for the caller to delete; null when it is busy or already gone.</returns>
    public string? TryTakeOut(string entry)
    {
        EnsurePrepared();
        var gate = Gate(Path.GetFileName(entry));
        if (!gate.Wait(0, CancellationToken.None))
        {
            return null;
        }

        try
        {
            if (!Directory.Exists(entry))
            {
                return null;
            }

            return MoveOut(entry);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Removes every cached build made or served under <paramref name="pluginName"/> (all when
    /// null), in use or not: sessions run their own copies, and a later load builds again. Each
    /// entry goes under its key's gate, so never while it is looked up or copied into a session.
    /// </summary>
    public async Task<int> RemoveAsync(string? pluginName, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var entry in Entries())
        {
            var gate = Gate(Path.GetFileName(entry));
            await gate.WaitAsync(cancellationToken);
            string? doomed = null;
            try
            {
                var names = Path.Combine(entry, PluginNamesFile);
                if (Directory.Exists(entry)
                    && (pluginName is null || (File.Exists(names) && File.ReadAllLines(names).Contains(pluginName, StringComparer.Ordinal))))
                {
                    doomed = MoveOut(entry);
                }
            }
            finally
            {
                gate.Release();
            }

            if (doomed is not null)
            {
                Directory.Delete(doomed, recursive: true);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Out of builds/ with one rename before anything is deleted: a lookup finds the entry whole or not at all.</summary>
    private string MoveOut(string entry)
    {
        var doomed = Path.Combine(WorkRoot, "rm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(WorkRoot);
        Directory.Move(entry, doomed);
        return doomed;
    }

    /// <summary>
    /// Before this instance starts any build, whatever is in the work directory is what a killed
    /// supervisor left: half-done builds and entries taken out but not yet deleted. One supervisor per cache directory.
    /// </summary>
    private void EnsurePrepared()
    {
        lock (_prepareGate)
        {
            if (_prepared)
            {
                return;
            }

            var leftovers = 0;
            foreach (var leftover in Directory.Exists(WorkRoot) ? Directory.EnumerateDirectories(WorkRoot).ToList() : [])
            {
                try
                {
                    Directory.Delete(leftover, recursive: true);
                    leftovers++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.LeftoverNotRemoved(_logger, leftover, e.Message);
                }
            }

            if (leftovers > 0)
            {
                Log.RemovedLeftovers(_logger, WorkRoot, leftovers);
            }

            _prepared = true;
        }
    }

    private SemaphoreSlim Gate(string buildKey) => _locks.GetOrAdd(buildKey, _ => new SemaphoreSlim(1, 1));

    private static void RecordName(string entry, string pluginName)
    {
        var names = Path.Combine(entry, PluginNamesFile);
        if (!File.Exists(names) || !File.ReadAllLines(names).Contains(pluginName, StringComparer.Ordinal))
        {
            File.AppendAllLines(names, [pluginName]);
        }
    }

    private BuiltPlugin? ReadEntry(string entry)
    {
        var marker = Path.Combine(entry, MainAssemblyFile);
        return File.Exists(marker) ? Published(entry, File.ReadAllText(marker).Trim()) : null;
    }

    private BuiltPlugin Published(string entry, string mainAssembly) =>
        new(Path.Combine(entry, OutputFolder), mainAssembly) { CacheEntry = entry, Hold = new EntryHold(token => HoldAsync(entry, token)) };

    /// <summary>Holds a published build under its key's gate, which removal and eviction take too.</summary>
    private async Task<IDisposable> HoldAsync(string entry, CancellationToken cancellationToken)
    {
        var gate = Gate(Path.GetFileName(entry));
        await gate.WaitAsync(cancellationToken);
        if (!File.Exists(Path.Combine(entry, MainAssemblyFile)))
        {
            gate.Release();
            throw new PluginCacheClearedException(Path.GetFileName(entry));
        }

        return new GateRelease(gate);
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
