using System.Text.RegularExpressions;
using Cuvis.Sandbox.Tools;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// Reads the supervisor's log lines (one event per line) for what the run cannot see through
/// the API: which worker serves which session, when one exited, recovered, or its session failed.
/// </summary>
internal static partial class SupervisorLogReader
{
    /// <summary>Feeds one log line to <paramref name="book"/>; returns the port when the line announces the listener.</summary>
    public static int? Read(string line, SessionBook book)
    {
        if (Recovered().Match(line) is { Success: true } recovered)
        {
            book.Recovered(recovered.Groups["id"].Value, Pid(recovered));
        }
        else if (Ready().Match(line) is { Success: true } ready)
        {
            book.WorkerReady(ready.Groups["id"].Value, Pid(ready));
        }
        else if (Exited().Match(line) is { Success: true } exited)
        {
            book.WorkerExited(exited.Groups["id"].Value, Pid(exited), exited.Groups["how"].Value);
        }
        else if (Failed().Match(line) is { Success: true } failed)
        {
            book.Failed(failed.Groups["id"].Value);
        }
        else
        {
            return SupervisorProcess.ListeningPort(line);
        }

        return null;
    }

    private static int Pid(Match match) => int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);

    // EventId 2111.
    [GeneratedRegex(@"Session (?<id>[^\s:]+): worker pid (?<pid>\d+) ready")]
    private static partial Regex Ready();

    // EventIds 2112 (an exit it asked for) and 2113 (unexpected); not 2114 ("still running ... killing").
    [GeneratedRegex(@"Session (?<id>[^\s:]+): worker pid (?<pid>\d+) (?<how>(?:exited|was killed|ran out of memory)[^;]*)")]
    private static partial Regex Exited();

    // EventId 2010.
    [GeneratedRegex(@"Session (?<id>[^\s:]+): worker recovered as pid (?<pid>\d+)")]
    private static partial Regex Recovered();

    // EventId 2012.
    [GeneratedRegex(@"Session (?<id>\S+) failed: its restart budget is spent")]
    private static partial Regex Failed();
}
