using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// The operator page of the operator endpoint: sessions, workers, containment layers, counters and
/// recent incidents, as HTML (<c>/</c>, refreshed every few seconds, no script) and as JSON
/// (<c>/status.json</c>). The endpoint has no authentication, so a session's id is shown only by
/// its first <see cref="ShownIdLength"/> characters: enough to find it in the log, not enough to
/// call it (on a server without principals the id is all a caller needs).
/// </summary>
internal static class StatusPage
{
    /// <summary>How many leading characters of a session id the page shows.</summary>
    public const int ShownIdLength = 8;

    private const int RefreshSeconds = 5;

    private const string Style = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d2330;background:#f7f8fa}
            h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.4em 0 .4em}
            table{border-collapse:collapse;background:#fff;min-width:40em}th,td{border:1px solid #d5d9e0;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#eef1f5}.active,.running,.serving,.Recovered{color:#11753a;font-weight:600}.unavailable,.recovering,.WorkerCrashed,.ReplayFailed{color:#a35b00;font-weight:600}
            .off,.failed,.not-serving,.SessionFailed{color:#b3261e;font-weight:600}.muted{color:#667}.nowrap{white-space:nowrap}.tiles{display:flex;gap:1em;flex-wrap:wrap}
            .tile{background:#fff;border:1px solid #d5d9e0;padding:.5em .9em;min-width:8em}.tile b{display:block;font-size:1.4em}
        """;

    public static string ShortId(string sessionId) =>
        sessionId.Length <= ShownIdLength ? sessionId : string.Concat(sessionId.AsSpan(0, ShownIdLength), "…");

    public static string Html(ServerStatus status)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RefreshSeconds}">
            <title>Cuvis.Sandbox status</title>
            <style>{Style}</style></head><body>
            <h1>Cuvis.Sandbox</h1>
            <p class="muted">version {Encode(status.Version)} · up {Duration(status.Uptime)} · read {status.Now:yyyy-MM-dd HH:mm:ss} UTC · refreshes every {RefreshSeconds} s</p>
            <div class="tiles">
            <div class="tile">server<b class="{(status.Serving ? "serving" : "not-serving")}">{(status.Serving ? "serving" : "NOT SERVING")}</b></div>
            <div class="tile">sessions<b>{status.Sessions.Count} / {status.MaxSessions}</b></div>
            <div class="tile">pooled workers<b>{status.PoolReady} / {status.PoolTarget}</b></div>
            <div class="tile">workers started<b>{status.Counters.WorkersStarted}</b></div>
            <div class="tile">crashes<b>{status.Counters.WorkersCrashed}</b></div>
            <div class="tile">recoveries<b>{status.Counters.WorkersRecovered}</b></div>
            <div class="tile">failed sessions<b>{status.Counters.BudgetsSpent}</b></div>
            </div>
            <h2>Containment (profile {Encode(status.Containment.Profile.ToString().ToLowerInvariant())})</h2>
            <p>{Encode(status.Summary)}</p>
            <table id="layers"><tr><th>layer</th><th>state</th><th>detail</th><th>to enable</th></tr>
            """);
        foreach (var layer in status.Containment.Layers)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"""<tr><td>{Encode(layer.Name)}</td><td class="{layer.State}">{layer.State}</td><td>{Encode(layer.Detail)}</td><td>{Encode(layer.Remedy)}</td></tr>""").Append('\n');
        }

        html.Append("</table>\n<h2>Sessions</h2>\n");
        Table(html, "sessions", "No session is open.", ["session", "owner", "state", "worker pid", "age", "idle", "calls", "restarts", "plugins", "pipeline"],
            status.Sessions, session =>
            {
                var state = session.State.ToString().ToLowerInvariant();
                return $"""<td><code>{Encode(ShortId(session.Id))}</code></td><td>{Encode(session.Owner)}</td><td class="{state}">{state}</td><td>{(session.WorkerProcessId > 0 ? session.WorkerProcessId.ToString(CultureInfo.InvariantCulture) : "-")}</td><td>{Duration(status.Now - session.Created)}</td><td>{(session.RunningCalls > 0 ? "busy" : Duration(status.Now - session.LastUsed))}</td><td>{session.RunningCalls}</td><td>{session.RestartsUsed}</td><td>{Encode(string.Join(", ", session.Plugins))}</td><td>{(session.HasPipeline ? "loaded" : "-")}</td>""";
            });
        html.Append("<h2>Recent crashes and recoveries</h2>\n");
        Table(html, "incidents", "None since the server started.", ["time (UTC)", "session", "what", "detail"], status.Incidents, incident =>
            string.Create(CultureInfo.InvariantCulture,
                $"""<td>{incident.Time:HH:mm:ss}</td><td><code>{Encode(ShortId(incident.SessionId))}</code></td><td class="{incident.Kind} nowrap">{Describe(incident.Kind)}</td><td>{Encode(incident.Detail)}</td>"""));
        html.Append("<p class=\"muted\">Also: <a href=\"/status.json\">/status.json</a> · <a href=\"/metrics\">/metrics</a> (Prometheus)</p>\n</body></html>\n");
        return html.ToString();
    }

    public static byte[] Json(ServerStatus status) => JsonSerializer.SerializeToUtf8Bytes(new StatusDocument(
        status.Version,
        (long)status.Uptime.TotalSeconds,
        status.Serving,
        status.Containment.Profile.ToString().ToLowerInvariant(),
        status.Summary,
        [.. status.Containment.Layers.Select(l => new LayerDocument(l.Name, l.State, l.Detail, l.Remedy))],
        status.MaxSessions,
        status.PoolReady,
        status.PoolTarget,
        [.. status.Sessions.Select(s => new SessionDocument(
            ShortId(s.Id), s.Owner, s.State.ToString().ToLowerInvariant(), s.WorkerProcessId, s.Created, s.LastUsed, s.RunningCalls, s.RestartsUsed, s.Plugins, s.HasPipeline))],
        new CountersDocument(status.Counters.WorkersStarted, status.Counters.WorkersCrashed, status.Counters.WorkersRecovered,
            status.Counters.ReplaysFailed, status.Counters.BudgetsSpent, status.Counters.SessionsExpired, status.Counters.HungCallsKilled),
        [.. status.Incidents.Select(i => new IncidentDocument(i.Time, ShortId(i.SessionId), Describe(i.Kind), i.Detail))]),
        StatusJsonContext.Default.StatusDocument);

    /// <summary>A table of <paramref name="rows"/> with id <paramref name="id"/>, or a line saying <paramref name="empty"/> when there are none.</summary>
    private static void Table<T>(StringBuilder html, string id, string empty, string[] headers, IReadOnlyList<T> rows, Func<T, string> cells)
    {
        if (rows.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\" id=\"{id}\">{empty}</p>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<table id=\"{id}\"><tr>{string.Concat(headers.Select(h => $"<th>{h}</th>"))}</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>").Append(cells(row)).Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Describe(IncidentKind kind) => kind switch
    {
        IncidentKind.WorkerCrashed => "worker crashed",
        IncidentKind.Recovered => "recovered",
        IncidentKind.ReplayFailed => "recovery attempt failed",
        IncidentKind.SessionFailed => "session failed",
        IncidentKind.SessionExpired => "expired",
        _ => kind.ToString(),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 0 } => "0 s",
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds} s"),
        { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
    };
}

internal sealed record StatusDocument(
    string Version, long UptimeSeconds, bool Serving, string Profile, string Summary, IReadOnlyList<LayerDocument> Layers,
    int MaxSessions, int PoolReady, int PoolTarget, IReadOnlyList<SessionDocument> Sessions, CountersDocument Counters,
    IReadOnlyList<IncidentDocument> Incidents);

internal sealed record LayerDocument(string Name, string State, string Detail, string Remedy);

internal sealed record SessionDocument(
    string Id, string Owner, string State, int WorkerPid, DateTimeOffset Created, DateTimeOffset LastUsed, int RunningCalls,
    int RestartsUsed, IReadOnlyList<string> Plugins, bool HasPipeline);

internal sealed record CountersDocument(
    long WorkersStarted, long WorkersCrashed, long WorkersRecovered, long ReplaysFailed, long SessionsFailed, long SessionsExpired, long HungCallsKilled);

internal sealed record IncidentDocument(DateTimeOffset Time, string Session, string What, string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
