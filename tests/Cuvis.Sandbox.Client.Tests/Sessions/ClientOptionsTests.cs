using Cuvis.Sandbox.Client.Tests.Infrastructure;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client.Tests.Sessions;

/// <summary>What the options put on every call, and the options and addresses refused up front.</summary>
public class ClientOptionsTests
{
    private readonly FakeCallInvoker _server = new FakeCallInvoker()
        .On("ListAvailableNodes", new Proto.ListAvailableNodesResponse())
        .On("ClearPluginCache", new Proto.ClearPluginCacheResponse { ClearedCount = 3 });

    [Fact]
    public async Task AccessTokenProvider_IsAskedForEachCallWithItsToken_AndSentAsBearer()
    {
        var tokens = new Queue<string>(["first", "second"]);
        var seen = new List<CancellationToken>();
        using var cancel = new CancellationTokenSource();
        var session = TestClients.Session(_server, new CuvisSandboxClientOptions
        {
            AccessTokenProvider = token =>
            {
                seen.Add(token);
                return ValueTask.FromResult(tokens.Dequeue());
            },
        });

        await session.ListAvailableNodesAsync(cancel.Token);
        await session.ListAvailableNodesAsync();

        _server.Calls.Select(c => c.Options.Headers!.GetValue("authorization")).Should().Equal("Bearer first", "Bearer second");
        seen.Should().Equal(cancel.Token, CancellationToken.None);
    }

    [Fact]
    public async Task Headers_AreSentWithEveryCall()
    {
        var client = TestClients.Over(_server, new CuvisSandboxClientOptions
        {
            Headers = new Dictionary<string, string> { ["x-tenant"] = "lab-3", ["x-trace"] = "t1" },
        });

        await client.ClearPluginCacheAsync();
        await client.AttachSession("s").ListAvailableNodesAsync();

        _server.Calls.Should().AllSatisfy(call =>
        {
            call.Options.Headers!.GetValue("x-tenant").Should().Be("lab-3");
            call.Options.Headers!.GetValue("x-trace").Should().Be("t1");
        });
    }

    [Fact]
    public async Task NoHeadersOrTimeout_CallsCarryNeither_ButTheCallersToken()
    {
        using var cancel = new CancellationTokenSource();

        await TestClients.Session(_server).ListAvailableNodesAsync(cancel.Token);

        _server.Last.Options.Headers.Should().BeNull();
        _server.Last.Options.Deadline.Should().BeNull();
        _server.Last.Options.CancellationToken.Should().Be(cancel.Token);
    }

    [Fact]
    public async Task CallTimeout_IsEachCallsDeadline()
    {
        var before = DateTime.UtcNow;

        var cleared = await TestClients.Over(_server, new CuvisSandboxClientOptions { CallTimeout = TimeSpan.FromMinutes(2) }).ClearPluginCacheAsync("tools");

        cleared.Should().Be(3);
        _server.Last.RequestAs<Proto.ClearPluginCacheRequest>().PluginName.Should().Be("tools");
        _server.Last.Options.Deadline.Should().BeOnOrAfter(before.AddMinutes(2)).And.BeOnOrBefore(DateTime.UtcNow.AddMinutes(2));
    }

    [Fact]
    public async Task ClearPluginCacheAsync_NoName_ClearsAll()
    {
        await TestClients.Over(_server).ClearPluginCacheAsync();

        _server.Last.RequestAs<Proto.ClearPluginCacheRequest>().PluginName.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOption_IsRefused(CuvisSandboxClientOptions invalid, string mentions) =>
        FluentActions.Invoking(() => new CuvisSandboxClient(_server, invalid)).Should().Throw<ArgumentException>()
            .WithParameterName("options").WithMessage($"*{mentions}*");

    public static TheoryData<CuvisSandboxClientOptions, string> InvalidOptions => new()
    {
        { new CuvisSandboxClientOptions { MaxReceiveMessageSize = 0 }, "MaxReceiveMessageSize" },
        { new CuvisSandboxClientOptions { MaxSendMessageSize = -1 }, "MaxSendMessageSize" },
        { new CuvisSandboxClientOptions { CallTimeout = TimeSpan.Zero }, "CallTimeout" },
        { new CuvisSandboxClientOptions { DisposeCloseTimeout = TimeSpan.FromSeconds(-1) }, "DisposeCloseTimeout" },
        { new CuvisSandboxClientOptions { Headers = new Dictionary<string, string> { ["Not A Key"] = "v" } }, "Not A Key" },
    };

    [Theory]
    [InlineData("127.0.0.1:50051")]
    [InlineData("localhost")]
    [InlineData("ftp://127.0.0.1:50051")]
    public void Constructor_AddressWithoutHttpScheme_IsRefusedShowingTheRightForm(string text) =>
        FluentActions.Invoking(() => new CuvisSandboxClient(text)).Should().Throw<ArgumentException>()
            .WithParameterName("address").WithMessage("*http://127.0.0.1:50051*");

    [Fact]
    public void Constructor_HttpAddress_MakesNoCallUntilOneIsMade()
    {
        using var client = new CuvisSandboxClient(new Uri("http://127.0.0.1:9"), new CuvisSandboxClientOptions { MaxReceiveMessageSize = 1 << 20 });

        client.AttachSession("s").Id.Should().Be("s");
    }
}
