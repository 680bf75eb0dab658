namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>
/// Which plugin cache entries (directories) are in use and must not be evicted: those of every
/// plugin a live session loaded, which a reload of that plugin hits, and those a fetch or build
/// is reading or writing. Entries are pinned by leases and counted, so one entry may be pinned by
/// many sessions at once. Eviction moves an entry only through <see cref="TakeOutUnlessPinned"/>,
/// under the same lock as <see cref="Acquire"/>: once a lease is held, its entries stay where
/// they are until it is disposed.
/// </summary>
internal sealed class PluginCacheUsage(TimeProvider timeProvider)
{
    /// <summary>
    /// How long a <see cref="HandOver"/> lease pins its entries when nobody disposes it: long
    /// enough for a LoadPlugins call to stage every plugin it prepared, short enough that a caller
    /// that drops the lease does not keep the entries from eviction for good.
    /// </summary>
    public static readonly TimeSpan HandOverTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, int> _pins = new(StringComparer.Ordinal);
    private readonly List<Lease> _handOvers = [];
    private readonly Lock _gate = new();

    /// <summary>Raised after a lease is disposed, outside the lock: what it pinned may be evictable now.</summary>
    public event Action? Released;

    /// <summary>Pins <paramref name="entries"/> until the lease is disposed (a session: until it closes).</summary>
    public IDisposable Acquire(IEnumerable<string> entries)
    {
        var lease = new Lease(this, Normalize(entries), expires: null);
        lock (_gate)
        {
            foreach (var entry in lease.Entries)
            {
                _pins[entry] = _pins.GetValueOrDefault(entry) + 1;
            }
        }

        return lease;
    }

    /// <summary>
    /// Pins <paramref name="entries"/> until the lease is disposed or <see cref="HandOverTimeout"/>
    /// has passed: what a prepared plugin holds between its preparation and the caller's own
    /// <see cref="Acquire"/> once it has staged the plugin.
    /// </summary>
    public IDisposable HandOver(IEnumerable<string> entries)
    {
        var lease = new Lease(this, Normalize(entries), timeProvider.GetUtcNow() + HandOverTimeout);
        lock (_gate)
        {
            _handOvers.Add(lease);
        }

        return lease;
    }

    public bool IsPinned(string entry)
    {
        lock (_gate)
        {
            return IsPinnedLocked(Normalize(entry));
        }
    }

    /// <summary>
    /// Runs <paramref name="takeOut"/> (which moves the entry out of the cache, and returns where
    /// to, or null when it could not) unless the entry is pinned; a lease cannot be taken meanwhile.
    /// </summary>
    /// <returns>Where the entry went, or null when it is pinned or was not taken out.</returns>
    public string? TakeOutUnlessPinned(string entry, Func<string?> takeOut)
    {
        lock (_gate)
        {
            return IsPinnedLocked(Normalize(entry)) ? null : takeOut();
        }
    }

    private static string Normalize(string entry) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry));

    private static string[] Normalize(IEnumerable<string> entries) => [.. entries.Select(Normalize).Distinct(StringComparer.Ordinal)];

    private bool IsPinnedLocked(string entry)
    {
        if (_pins.ContainsKey(entry))
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        _handOvers.RemoveAll(h => h.Expires <= now);
        return _handOvers.Exists(h => h.Entries.Contains(entry, StringComparer.Ordinal));
    }

    private void Release(Lease lease)
    {
        lock (_gate)
        {
            if (lease.Expires is not null)
            {
                _handOvers.Remove(lease);
            }
            else
            {
                foreach (var entry in lease.Entries)
                {
                    if (--_pins[entry] == 0)
                    {
                        _pins.Remove(entry);
                    }
                }
            }
        }

        Released?.Invoke();
    }

    private sealed class Lease(PluginCacheUsage usage, string[] entries, DateTimeOffset? expires) : IDisposable
    {
        private int _disposed;

        public string[] Entries => entries;

        public DateTimeOffset? Expires => expires;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                usage.Release(this);
            }
        }
    }
}
