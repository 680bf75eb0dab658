using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.PluginTests.Grpc;

public sealed class RunningCallInterceptorTests
{
    private readonly RunningCalls _running = new();

    [Fact]
    public async Task UnaryServerHandler_ListsTheCallUntilItsHandlerReturns_EvenAfterTheCallerGaveUp()
    {
        var sut = CreateSut();
        var release = new TaskCompletionSource<string>();
        var context = new TestServerCallContext();
        context.RequestHeaders.Add(WorkerProtocol.CallIdHeader, "42");

        var handler = sut.UnaryServerHandler("request", context, (_, _) => release.Task);
        var whileRunning = _running.Snapshot().ToArray();
        release.SetResult("done");
        var response = await handler.WaitAsync(TimeSpan.FromSeconds(10));

        whileRunning.Should().Equal(42L);
        response.Should().Be("done");
        _running.Snapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task UnaryServerHandler_HandlerThatThrows_IsNoLongerListed()
    {
        var sut = CreateSut();
        var context = new TestServerCallContext();
        context.RequestHeaders.Add(WorkerProtocol.CallIdHeader, "7");

        var call = () => sut.UnaryServerHandler<string, string>("request", context, (_, _) => throw new InvalidOperationException("node failed"));

        await call.Should().ThrowAsync<InvalidOperationException>();
        _running.Snapshot().Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    public async Task UnaryServerHandler_WithoutAValidCallId_RunsTheCallUnlisted(string? header)
    {
        var sut = CreateSut();
        var context = new TestServerCallContext();
        if (header is not null)
        {
            context.RequestHeaders.Add(WorkerProtocol.CallIdHeader, header);
        }

        string[]? listed = null;
        var response = await sut.UnaryServerHandler("request", context, (_, _) =>
        {
            listed = [.. _running.Snapshot().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            return Task.FromResult("done");
        });

        response.Should().Be("done");
        listed.Should().BeEmpty();
    }

    private RunningCallInterceptor CreateSut() => new(_running);
}
