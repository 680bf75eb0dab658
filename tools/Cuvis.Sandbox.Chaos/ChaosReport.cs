using System.Globalization;
using System.Text;

namespace Cuvis.Sandbox.Chaos;

/// <summary>The table a run prints, and its verdicts: one per invariant, and whether all held.</summary>
internal sealed class ChaosReport
{
    private const int DetailsShown = 10;

    private readonly ChaosOutcome _outcome;
    private readonly IReadOnlyList<Fault> _faults;
    private readonly IReadOnlyList<(CallRecord Call, string? Excuse)> _failed;
    private readonly List<(bool Held, string Invariant, string Evidence)> _verdicts = [];

    public ChaosReport(ChaosOutcome outcome)
    {
        _outcome = outcome;
        var sessions = outcome.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _faults = [.. outcome.Sessions.SelectMany(s => s.Faults).Where(f => f.InjectedAt is not null)];
        _failed = [.. outcome.Calls.Where(c => c.Failed).Select(c => (c, CallVerdict.Excuse(c, sessions, outcome.RunEnd)))];
        Judge();
    }

    public bool Passed => _verdicts.All(v => v.Held);

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Chaos run: {_outcome.Settings.Describe()}");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        foreach (var (measure, value) in Rows())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} |");
        }

        text.AppendLine();
        text.AppendLine("| fault | injected | recovered | session failed after budget | ended by CloseSession | recovery median | recovery worst |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var kind in _outcome.Settings.Faults)
        {
            var faults = _faults.Where(f => f.Kind == kind).ToArray();
            var times = faults.Select(f => f.RecoveryTime).OfType<TimeSpan>().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Label()} | {faults.Length} | {times.Length} | {faults.Count(f => f.FailedAt is not null)} | "
                + $"{faults.Count(f => f.ClosedAt is not null && f.RecoveredAt is null && f.FailedAt is null)} | {Median(times)} | {Worst(times)} |");
        }

        text.AppendLine();
        text.AppendLine("Verdicts:");
        foreach (var (held, invariant, evidence) in _verdicts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(held ? "PASS" : "FAIL")}  {invariant}{(evidence.Length > 0 ? ": " + evidence : "")}");
        }

        text.AppendLine(Passed ? "Every invariant held." : "Some invariants did not hold; the run's directory is kept for its supervisor log.");
        return text.ToString();
    }

    private IEnumerable<(string, string)> Rows()
    {
        var calls = _outcome.Calls;
        yield return ("calls made", $"{calls.Count:N0} ({ByRpc(calls)})");
        yield return ("calls failed", $"{_failed.Count:N0}");
        foreach (var group in _failed.Where(f => f.Excuse is not null).GroupBy(f => (f.Excuse, f.Call.Status)).OrderByDescending(g => g.Count()))
        {
            yield return ($"of which {group.Key.Excuse}: {group.Key.Status}", $"{group.Count():N0}");
        }

        yield return ("of which healthy calls (must be 0)", $"{Healthy().Count()}");
        var injected = _faults.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.Label()} {g.Count()}");
        yield return ("crashes injected", $"{_faults.Count} ({string.Join(", ", injected)})");
        var recovered = _faults.Select(f => f.RecoveryTime).OfType<TimeSpan>().ToArray();
        yield return ("recoveries completed", $"{recovered.Length}");
        yield return ("recovery time, median / worst", $"{Median(recovered)} / {Worst(recovered)}");
        yield return ("sessions opened", $"{_outcome.Sessions.Count(s => s.InWorkload)}");
        yield return ("sessions failed after budget", $"{_outcome.Sessions.Count(s => s.FailedAt is not null)}");
        yield return ("worker exits nobody injected (must be 0)", $"{_outcome.UnexpectedExits.Count}");
        yield return ("supervisor restarts (must be 0)", $"{_outcome.SupervisorRestarts}");
        yield return ("leftovers after the last close: processes / sockets / scratch dirs / shm files / cgroups", _outcome.AfterClose.Describe());
        yield return ("leftovers after supervisor shutdown", _outcome.AfterShutdown.Describe());
    }

    private void Judge()
    {
        var healthy = Healthy().ToArray();
        Verdict(healthy.Length == 0, "no healthy call (one that reached no killed worker) failed", Details(healthy.Select(
            c => $"{c.Rpc} {c.SessionId} at {Seconds(c.Started)}-{Seconds(c.Ended)}: {c.Status}: {c.Detail}")));
        var survivors = _outcome.Calls.Where(c => c.Injected && !c.Failed).ToArray();
        Verdict(survivors.Length == 0, "every call that carried a fault in (OOM, segfault) failed", Details(survivors.Select(c => $"session {c.SessionId} answered at {Seconds(c.Ended)}")));
        var unresolved = _faults.Where(f => !f.IsResolved).ToArray();
        Verdict(unresolved.Length == 0, "every injected fault ended in a recovery, a failed session, or a close", Details(unresolved.Select(
            f => $"{f.Kind.Label()} of worker {f.ProcessId} (session {f.SessionId}) at {Seconds(f.InjectedAt!.Value)}")));
        Verdict(_outcome.UnexpectedExits.Count == 0, "no worker died that was not attacked", Details(_outcome.UnexpectedExits));
        Verdict(_outcome.SupervisorRestarts == 0, "the supervisor stayed up", _outcome.SupervisorStatus);
        Verdict(_faults.Any(f => f.RecoveredAt is not null), "faults were injected and recovered from", $"{_faults.Count} injected");
        Verdict(_outcome.AfterClose.IsNone, "nothing was left once every session closed", _outcome.AfterClose.Describe());
        Verdict(_outcome.AfterShutdown.IsNone, "nothing was left after the supervisor shut down", _outcome.AfterShutdown.Describe());
    }

    private IEnumerable<CallRecord> Healthy() => _failed.Where(f => f.Excuse is null).Select(f => f.Call);

    private void Verdict(bool held, string invariant, string evidence) => _verdicts.Add((held, invariant, evidence));

    private static string Details(IEnumerable<string> lines)
    {
        var all = lines.ToArray();
        return all.Length == 0
            ? ""
            : string.Join("; ", all.Take(DetailsShown)) + (all.Length > DetailsShown ? $"; and {all.Length - DetailsShown} more" : "");
    }

    private static string ByRpc(IReadOnlyList<CallRecord> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Rpc).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}"));

    private static string Median(TimeSpan[] times) =>
        times.Length == 0 ? "-" : Seconds(times.Order().ElementAt(times.Length / 2));

    private static string Worst(TimeSpan[] times) => times.Length == 0 ? "-" : Seconds(times.Max());

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
