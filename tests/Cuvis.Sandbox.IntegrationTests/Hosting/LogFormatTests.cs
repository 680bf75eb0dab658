using System.Text.Json;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

public sealed class LogFormatTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task LogFormatJson_WritesOneJsonObjectPerLine_WithTheSessionIdAsAFieldOfEveryLineAboutTheSession()
    {
        var supervisor = await StartSupervisorAsync("--log-format", "json");
        var session = await supervisor.CreateSessionAsync();
        await supervisor.CloseSessionAsync(session);
        await supervisor.TerminateAsync();

        var lines = supervisor.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        entries.Should().AllSatisfy(e => e.GetProperty("Timestamp").GetString().Should().EndWith("Z"));
        var aboutSession = entries.Where(e => e.GetProperty("Message").GetString()!.Contains(session, StringComparison.Ordinal)).ToArray();
        aboutSession.Select(e => e.GetProperty("EventId").GetInt32()).Should().Contain([2000, 2001], "created and closed");
        aboutSession.Should().AllSatisfy(e => e.GetProperty("State").GetProperty("SessionId").GetString().Should().Be(session));
    }

    [Fact]
    public async Task UnknownLogFormat_StopsTheServerAtStart_NamingTheSetting()
    {
        var start = () => StartSupervisorAsync("--log-format", "xml");

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("exited with code 2").And.Contain("Logging:Format (--log-format) is 'xml'; use 'text' (the default) or 'json'.");
    }
}
