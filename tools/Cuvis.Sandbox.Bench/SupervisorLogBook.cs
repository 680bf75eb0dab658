using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// What the bench reads from a supervisor's log: which worker pid serves which session, whether
/// its worker pool is full and how many sessions it served, and when each plugin build began and
/// ended (the log's own timestamps, <c>HH:mm:ss.fff</c>).
/// </summary>
internal sealed partial class SupervisorLogBook
{
    private readonly ConcurrentDictionary<string, int> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _buildStarts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _buildTimes = new(StringComparer.Ordinal);
    private readonly Lock _pool = new();
    private int _pooled;
    private int _poolSize = -1;
    private int _poolTakes;

    public void Read(string line)
    {
        if (Created().Match(line) is { Success: true } created)
        {
            _workers[created.Groups["id"].Value] = int.Parse(created.Groups["pid"].Value, CultureInfo.InvariantCulture);
        }
        else if (PoolReady().Match(line) is { Success: true } ready)
        {
            lock (_pool)
            {
                _pooled = int.Parse(ready.Groups["pooled"].Value, CultureInfo.InvariantCulture);
                _poolSize = int.Parse(ready.Groups["size"].Value, CultureInfo.InvariantCulture);
            }
        }
        else if (PoolTake().IsMatch(line))
        {
            lock (_pool)
            {
                _pooled = Math.Max(_pooled - 1, 0);
                _poolTakes++;
            }
        }
        else if (Building().Match(line) is { Success: true } building && Timestamp(building) is { } started)
        {
            _buildStarts[building.Groups["key"].Value] = started;
        }
        else if (Built().Match(line) is { Success: true } built && Timestamp(built) is { } ended
                 && _buildStarts.TryGetValue(built.Groups["key"].Value, out var began))
        {
            // Across midnight the clock starts again.
            var took = ended >= began ? ended - began : ended + TimeSpan.FromDays(1) - began;
            _buildTimes[built.Groups["plugin"].Value] = took;
        }
    }

    /// <summary>The pid the supervisor logged for <paramref name="sessionId"/>'s worker (EventId 2000), if it did.</summary>
    public int? WorkerOf(string sessionId) => _workers.TryGetValue(sessionId, out var pid) ? pid : null;

    /// <summary>True when the pool's last ready line said it was full and no session has taken a worker since (EventIds 2120, 2121).</summary>
    public bool PoolIsFull
    {
        get
        {
            lock (_pool)
            {
                return _poolSize > 0 && _pooled >= _poolSize;
            }
        }
    }

    /// <summary>Workers the pool holds by its log: the count of its last ready line less the takes since (EventIds 2120, 2121).</summary>
    public int PooledWorkers
    {
        get
        {
            lock (_pool)
            {
                return _pooled;
            }
        }
    }

    /// <summary>Sessions that got a pooled worker so far (EventId 2121).</summary>
    public int PoolTakes
    {
        get
        {
            lock (_pool)
            {
                return _poolTakes;
            }
        }
    }

    /// <summary>How long the last build of <paramref name="plugin"/> took from "building" to "built" (EventIds 2451, 2452).</summary>
    public TimeSpan? BuildTime(string plugin) => _buildTimes.TryGetValue(plugin, out var took) ? took : null;

    private static TimeSpan? Timestamp(Match match) =>
        TimeSpan.TryParseExact(match.Groups["time"].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time) ? time : null;

    // EventId 2000.
    [GeneratedRegex(@"Session (?<id>\S+) created \(worker pid (?<pid>\d+);")]
    private static partial Regex Created();

    // EventId 2120.
    [GeneratedRegex(@"Worker pool: worker pid \d+ ready \((?<pooled>\d+) of (?<size>\d+) pooled\)")]
    private static partial Regex PoolReady();

    // EventId 2121.
    [GeneratedRegex(@"Session \S+: took pooled worker pid \d+")]
    private static partial Regex PoolTake();

    // EventId 2451.
    [GeneratedRegex(@"^(?<time>\d\d:\d\d:\d\d\.\d{3}) .*Plugin (?<plugin>\S+): building (?<key>\S+)")]
    private static partial Regex Building();

    // EventId 2452.
    [GeneratedRegex(@"^(?<time>\d\d:\d\d:\d\d\.\d{3}) .*Plugin (?<plugin>\S+): built (?<key>\S+)")]
    private static partial Regex Built();
}
