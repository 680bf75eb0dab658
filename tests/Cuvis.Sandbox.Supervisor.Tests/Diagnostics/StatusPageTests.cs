using System.Text.Json;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Sessions;

namespace Cuvis.Sandbox.Supervisor.Tests.Diagnostics;

public sealed class StatusPageTests
{
    private const string SessionId = "0f6c2a8e-7d1b-4c55-9a3e-5b2f1d0c9e47";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Html_EncodesWhatClientsAndPluginsNamed_SoAPluginNameCannotScriptTheOperatorsBrowser()
    {
        var status = Status(owner: "<script>alert('owner')</script>", plugin: "\"><img src=x onerror=alert(1)>");

        var html = StatusPage.Html(status);

        html.Should().NotContain("<script>").And.NotContain("<img");
        html.Should().Contain("&lt;script&gt;alert(&#39;owner&#39;)&lt;/script&gt;").And.Contain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        html.Should().Contain("cgroup v1 &amp; more", "layer details are encoded too");
    }

    [Fact]
    public void HtmlAndJson_ShowOnlyTheStartOfASessionId_SinceTheEndpointHasNoAuthentication()
    {
        var status = Status();

        var html = StatusPage.Html(status);
        using var json = JsonDocument.Parse(StatusPage.Json(status));

        html.Should().NotContain(SessionId).And.Contain("0f6c2a8e…");
        json.RootElement.GetRawText().Should().NotContain(SessionId);
        json.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString().Should().Be("0f6c2a8e…");
        json.RootElement.GetProperty("incidents")[0].GetProperty("session").GetString().Should().Be("0f6c2a8e…");
    }

    [Fact]
    public void Json_CarriesTheLayersSessionsCountersAndIncidents_InSnakeCase()
    {
        using var json = JsonDocument.Parse(StatusPage.Json(Status()));
        var root = json.RootElement;

        root.GetProperty("profile").GetString().Should().Be("strict");
        root.GetProperty("uptime_seconds").GetInt64().Should().Be(90);
        root.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("name").GetString(), l.GetProperty("state").GetString()))
            .Should().Equal(("namespaces", "active"), ("cgroups", "unavailable"), ("seccomp", "off"));
        var session = root.GetProperty("sessions")[0];
        (session.GetProperty("state").GetString(), session.GetProperty("worker_pid").GetInt32(), session.GetProperty("restarts_used").GetInt32())
            .Should().Be(("recovering", 4242, 2));
        root.GetProperty("counters").GetProperty("workers_crashed").GetInt64().Should().Be(3);
        root.GetProperty("incidents")[0].GetProperty("what").GetString().Should().Be("worker crashed");
    }

    [Fact]
    public void Html_WithNothingOpen_SaysSo()
    {
        var html = StatusPage.Html(Status() with { Sessions = [], Incidents = [] });

        html.Should().Contain("No session is open.").And.Contain("None since the server started.");
    }

    private static ServerStatus Status(string owner = "alice", string plugin = "spectral_tools") => new(
        "1.2.3",
        Now - TimeSpan.FromSeconds(90),
        Now,
        Serving: true,
        new ContainmentReport(ContainmentProfile.Strict, "/usr/bin/bwrap", "", Privileged: true, SwitchUid: true, Cgroups: null, SeccompFile: null,
        [
            new ContainmentLayer("namespaces", true, "bubblewrap 0.8.0"),
            new ContainmentLayer("cgroups", false, "cgroup v1 & more", "mount the cgroup v2 hierarchy"),
            new ContainmentLayer("seccomp", false, "no system-call filter", OffBy: "Containment:Seccomp=false"),
        ]),
        MaxSessions: 16,
        PoolReady: 1,
        PoolTarget: 2,
        [new SessionStatus(SessionId, owner, Now - TimeSpan.FromSeconds(60), Now - TimeSpan.FromSeconds(5), 0, 4242, SessionWorkerState.Recovering, 2, [plugin], HasPipeline: true)],
        new SandboxMetricsSnapshot(1, 5, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0),
        [new Incident(Now - TimeSpan.FromSeconds(3), SessionId, IncidentKind.WorkerCrashed, "killed by signal SIGKILL")]);
}
