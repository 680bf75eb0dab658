using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.IntegrationTests.Containment.Matrix;

/// <summary>
/// What happened to a hostile session, read from the attack's report (and the answer of a call
/// made after it): <c>blocked with a report</c>, <c>recovered</c>, <c>failed after budget</c>,
/// <c>contained with an error</c>, or <c>NOT CONTAINED</c>. A test that sees more from outside
/// (a file that appeared, a listener that was reached) says so with <see cref="Escaped"/> or
/// <see cref="Contained"/> instead.
/// </summary>
internal static partial class HostileOutcome
{
    private const int MaxDetail = 160;

    /// <summary>The outcome <paramref name="report"/> shows; <paramref name="after"/> is the report of the next call, for a worker that died.</summary>
    public static string Of(string report, string? after = null)
    {
        if (report.StartsWith("blocked:", StringComparison.Ordinal))
        {
            return "blocked with a report: " + Reason(report["blocked:".Length..]);
        }

        if (report.StartsWith("succeeded:", StringComparison.Ordinal))
        {
            return "NOT CONTAINED: " + Short(report["succeeded:".Length..]);
        }

        var status = Status(report);
        var cause = Cause(report);
        if (after is null)
        {
            return $"contained with an error: {status}{cause}";
        }

        if (Status(after) == "FAILED_PRECONDITION")
        {
            return $"failed after budget: {status}{cause}, then FAILED_PRECONDITION (session failed)";
        }

        var answered = after.StartsWith("succeeded:", StringComparison.Ordinal) || after.StartsWith("blocked:", StringComparison.Ordinal);
        return (answered, status) switch
        {
            (true, "UNAVAILABLE" or "DEADLINE_EXCEEDED") => $"recovered: {status}{cause}, then the next call answered on a new worker",
            (true, _) => $"contained with an error: {status}{cause}; the next call answered",
            _ => $"contained with an error: {status}{cause}, then {Status(after)}",
        };
    }

    /// <summary>Something got out, seen from outside.</summary>
    public static string Escaped(string evidence) => "NOT CONTAINED: " + OneLine(evidence);

    /// <summary>The attack ran as far as its sandbox let it, and nothing reached outside.</summary>
    public static string Contained(string evidence) => "contained: " + OneLine(evidence);

    /// <summary>The gRPC status of a <c>call failed: Status: detail</c> report, as the wire spells it.</summary>
    public static string Status(string report)
    {
        var match = FailedCall().Match(report);
        return match.Success ? ScreamingSnake().Replace(match.Groups[1].Value, "$1_$2").ToUpperInvariant() : "answered";
    }

    private static string Cause(string report)
    {
        var exit = WorkerExit().Match(report);
        if (exit.Success)
        {
            return " (worker " + Short(exit.Groups[1].Value) + ")";
        }

        var detail = FailedCall().Match(report);
        return detail.Success && detail.Groups[2].Value.Trim().Length > 0 ? " (" + Short(detail.Groups[2].Value) + ")" : "";
    }

    /// <summary>The errno or exception of a blocked attempt, and its evidence fields.</summary>
    private static string Reason(string text)
    {
        var fields = Evidence().Matches(text).Select(m => m.Value).Where(f => !f.StartsWith("target=", StringComparison.Ordinal)).ToArray();
        var errno = Errno().Match(text);
        var reason = errno.Success
            ? $"errno {errno.Groups[1].Value} ({errno.Groups[2].Value})"
            : Short(FirstClause().Match(Evidence().Replace(text, "").Trim()).Value);
        return fields.Length > 0 ? $"{reason}; {string.Join(' ', fields)}" : reason;
    }

    private static string Short(string text)
    {
        var line = OneLine(text);
        return line.Length <= MaxDetail ? line : line[..MaxDetail] + "…";
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Trim();

    [GeneratedRegex(@"^call failed: (\w+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex FailedCall();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex ScreamingSnake();

    // "... (pid N) was killed by signal SIGABRT (exit code 134). The call is not retried, ..." (or "Its restart budget is spent").
    [GeneratedRegex(@"\(pid \d+\) (.+?)\. (?:The call is not retried|Its restart budget is spent)", RegexOptions.Singleline)]
    private static partial Regex WorkerExit();

    [GeneratedRegex(@"errno (\d+) \(([^)]*)\)")]
    private static partial Regex Errno();

    // "IOException: No space left on device : '/tmp/fill.bin'" -> the type and the message up to its first
    // sentence's end or the path it names.
    [GeneratedRegex(@"^\w+(: .*?)?(?=\. | : | '/|\.?$)")]
    private static partial Regex FirstClause();

    [GeneratedRegex(@"\b[a-z][a-z.]*=[^\s]+")]
    private static partial Regex Evidence();
}
