using System.Text.RegularExpressions;
using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Grpc;

/// <summary><c>cuvis_sandbox.v1.SandboxStatus</c> through the .NET client, as <c>cuvis doctor</c> calls it.</summary>
public sealed partial class SandboxStatusTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task GetServerStatus_ReportsTheLayersTheStartupLogReports_AndTheLoad()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=1", "--Sessions:MaxSessions=5");
        using var client = new CuvisSandboxClient(supervisor.Channel);

        var before = await client.GetServerStatusAsync();
        await using var session = await client.CreateSessionAsync();
        var during = await client.GetServerStatusAsync();

        before.Version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        before.Profile.Should().Be("strict");
        before.Serving.Should().BeTrue();
        before.Summary.Should().Be("Sessions are contained; layers marked unavailable are not.");
        var logged = ActiveLayerLine().Matches(supervisor.Log).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        logged.Should().NotBeEmpty();
        before.Layers.Where(l => l.IsActive).Select(l => (l.Name, l.Detail)).Should().Equal(logged, "the doctor's active rows are the start-up log's");
        before.Layers.Should().Contain(l => l.Name == "namespaces" && l.IsActive);
        (before.SessionsActive, during.SessionsActive).Should().Be((0, 1));
        (during.MaxSessions, during.PoolTarget).Should().Be((5, 1));
        during.PoolReady.Should().BeInRange(0, 1);
        during.Uptime.Should().BeGreaterThanOrEqualTo(before.Uptime);

        // Whole seconds on the wire: a supervisor that started under a second ago (a fast start, and a
        // session from the warm pool in milliseconds) reads 0, so wait for the count to reach 1.
        var later = during;
        for (var attempt = 0; attempt < 100 && later.Uptime < TimeSpan.FromSeconds(1); attempt++)
        {
            await Task.Delay(100);
            later = await client.GetServerStatusAsync();
        }

        later.Uptime.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThan(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task GetServerStatus_UnderTheStrictProfileWithoutASandbox_SaysSessionsAreRefused_AndHowToEnableTheLayer()
    {
        var supervisor = await StartSupervisorAsync("--Containment:BubblewrapPath=/nonexistent/bwrap");
        using var client = new CuvisSandboxClient(supervisor.Channel);

        var status = await client.GetServerStatusAsync();

        status.Serving.Should().BeFalse();
        status.FullyContained.Should().BeFalse();
        status.Summary.Should().Contain("CreateSession is refused");
        var namespaces = status.Layers.Single(l => l.Name == "namespaces");
        namespaces.State.Should().Be("unavailable");
        namespaces.Detail.Should().Contain("/nonexistent/bwrap");
        namespaces.Remedy.Should().NotBeEmpty();
    }

    [Fact]
    public async Task GetServerStatus_NeedsACredential_WhereTheServerHasPrincipals()
    {
        const string token = "status-token-0123456789abcdef";
        var supervisor = await StartSupervisorAsync("--Auth:Principals:ops:Tokens:0=" + token);
        using var anonymous = new CuvisSandboxClient(supervisor.Channel);
        using var ops = new CuvisSandboxClient(supervisor.Channel, new CuvisSandboxClientOptions { AccessTokenProvider = _ => ValueTask.FromResult(token) });

        var refused = await FluentActions.Awaiting(() => anonymous.GetServerStatusAsync()).Should().ThrowAsync<CuvisUnauthenticatedException>();
        refused.Which.Message.Should().Contain("authorization: Bearer <token>");
        (await ops.GetServerStatusAsync()).Serving.Should().BeTrue();
    }

    [GeneratedRegex(@"Containment layer (.+?): active: (.*)$", RegexOptions.Multiline)]
    private static partial Regex ActiveLayerLine();
}
