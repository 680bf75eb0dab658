using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Tests.Hosting;

public sealed class RequestBytesBudgetMiddlewareTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ServerOptions _options = new() { MaxMessageBytes = 4 * MiB, MaxInFlightRequestBytes = 4 * MiB };
    private readonly RequestBytesBudget _budget;
    // Unpaused, so a test can write a whole body before anything reads it.
    private readonly Pipe _body = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));
    private readonly HashSet<string> _unknownSessions = new(StringComparer.Ordinal);
    private int _nextCalls;

    public RequestBytesBudgetMiddlewareTests() =>
        _budget = new RequestBytesBudget(_options.MaxInFlightRequestBytes, new SandboxMetrics(_services.GetRequiredService<IMeterFactory>()));

    [Fact]
    public async Task InvokeAsync_RequestThatFits_ReachesNextWithItsBodyIntactAndHeldInTheBudget()
    {
        var frame = Frame(100 * 1024);
        await WriteAsync(frame, complete: true);
        byte[]? seen = null;
        long heldDuringCall = 0;

        var context = await InvokeAsync(async c =>
        {
            heldDuringCall = _budget.InFlight;
            seen = await ReadAllAsync(c.Request.BodyReader);
        });

        _nextCalls.Should().Be(1);
        seen.Should().Equal(frame);
        heldDuringCall.Should().Be(100 * 1024);
        _budget.InFlight.Should().Be(0);
        context.Response.Headers.Should().NotContainKey("grpc-status");
    }

    [Fact]
    public async Task InvokeAsync_HeaderArrivingInPiecesToAReaderLikeKestrels_LeavesTheBodyWhole()
    {
        // Kestrel's request body reader does not override ReadAtLeastAsync: the base class loops
        // over short reads, marking each examined, before the peek sees the whole header.
        var frame = Frame(100 * 1024);
        await WriteAsync(frame.AsMemory(0, 3), complete: false);
        byte[]? seen = null;

        var invoke = InvokeAsync(async c => seen = await ReadAllAsync(c.Request.BodyReader), new LoopingReader(_body.Reader));
        await Task.Delay(50);
        await WriteAsync(frame.AsMemory(3), complete: true);
        await invoke;

        seen.Should().Equal(frame);
    }

    [Fact]
    public async Task InvokeAsync_RequestOverTheBudget_IsAnsweredResourceExhaustedWithoutCallingNextOrReadingTheBody()
    {
        _budget.TryReserve(3 * MiB, out _).Should().BeTrue();
        var frame = Frame(2 * MiB);
        await WriteAsync(frame.AsMemory(0, 64 * 1024), complete: false);

        var context = await InvokeAsync(_ => Task.CompletedTask);

        _nextCalls.Should().Be(0);
        context.Response.StatusCode.Should().Be(200);
        context.Response.ContentType.Should().Be("application/grpc");
        context.Response.Headers["grpc-status"].ToString().Should().Be("8");
        var expected = RequestBytesBudgetMiddleware.RefusalMessage(2 * MiB, compressed: false, 3 * MiB, 4 * MiB);
        context.Response.Headers["grpc-message"].ToString().Should().Be(TrailersOnlyResponse.PercentEncode(expected));
        Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()).Should().Be(expected);
        expected.Should().Be(
            "The server is already handling 3 MiB of requests (Server:MaxInFlightRequestBytes = 4 MiB); "
            + "this 2 MiB request was refused before it was read. Retry later or send smaller requests.");
        _budget.InFlight.Should().Be(3 * MiB);
        _body.Reader.TryRead(out var unread).Should().BeTrue();
        unread.Buffer.Length.Should().Be(64 * 1024, "nothing of the refused body was consumed");
    }

    [Fact]
    public async Task InvokeAsync_CompressedMessage_IsCountedAtMaxMessageBytesWhateverItsLength()
    {
        await WriteAsync(Frame(1000, compressed: true), complete: true);
        long heldDuringCall = 0;

        await InvokeAsync(_ =>
        {
            heldDuringCall = _budget.InFlight;
            return Task.CompletedTask;
        });

        heldDuringCall.Should().Be(_options.MaxMessageBytes);
        _budget.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_CompressedMessageBesideOthers_IsRefusedSayingHowItWasCounted()
    {
        _budget.TryReserve(1, out _).Should().BeTrue();
        await WriteAsync(Frame(1000, compressed: true), complete: true);

        var context = await InvokeAsync(_ => Task.CompletedTask);

        _nextCalls.Should().Be(0);
        Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()).Should()
            .Contain("this compressed request, counted at Server:MaxMessageBytes (4 MiB)").And.EndWith("send it uncompressed.");
    }

    [Fact]
    public async Task InvokeAsync_NextThrows_ReleasesTheBudget()
    {
        await WriteAsync(Frame(100 * 1024), complete: true);

        var invoke = () => InvokeAsync(_ => throw new InvalidOperationException("handler failed"));

        await invoke.Should().ThrowAsync<InvalidOperationException>().WithMessage("handler failed");
        _budget.InFlight.Should().Be(0);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(RequestBytesBudgetMiddleware.SmallRequestBytes - 1)]
    public async Task InvokeAsync_SmallRequestWithTheBudgetSpent_IsAdmittedUncounted(int length)
    {
        _budget.TryReserve(4 * MiB, out _).Should().BeTrue();
        await WriteAsync(Frame(length), complete: true);

        await InvokeAsync(_ => Task.CompletedTask);

        _nextCalls.Should().Be(1);
        _budget.InFlight.Should().Be(4 * MiB);
    }

    [Theory]
    [InlineData(5L * MiB, "5 MiB (5,242,880 bytes)")]
    [InlineData(uint.MaxValue, "4096 MiB (4,294,967,295 bytes)")]
    public async Task InvokeAsync_MessageOverMaxMessageBytes_IsRefusedResourceExhaustedNamingTheSetting_Unread(long declared, string size)
    {
        // gRPC refuses these too, but past 2 GiB only with UNKNOWN "Exception was thrown by handler."
        var header = Frame(0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)declared);
        await WriteAsync(header, complete: false);

        var context = await InvokeAsync(_ => Task.CompletedTask);

        _nextCalls.Should().Be(0);
        context.Response.Headers["grpc-status"].ToString().Should().Be("8");
        Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()).Should()
            .StartWith($"The request's message declares {size}, more than the 4 MiB Server:MaxMessageBytes allows; it was refused before it was read")
            .And.Contain("Send smaller messages");
        _budget.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_LargeCallForAnUnknownSession_IsAnsweredNotFoundUnreadAndUncounted()
    {
        _unknownSessions.Add("0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77");
        var frame = Frame(2 * MiB, sessionId: "0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77");
        await WriteAsync(frame.AsMemory(0, 64 * 1024), complete: false);

        var context = await InvokeAsync(_ => Task.CompletedTask, path: "/cuvis_ai.v1.CuvisAIService/Inference");

        _nextCalls.Should().Be(0);
        context.Response.Headers["grpc-status"].ToString().Should().Be("5");
        Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()).Should().Be("Session 0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77 not found");
        _budget.InFlight.Should().Be(0);
        _body.Reader.TryRead(out var unread).Should().BeTrue();
        unread.Buffer.Length.Should().Be(64 * 1024, "nothing of the refused body was consumed");
    }

    [Theory]
    [InlineData("/cuvis_ai.v1.CuvisAIService/Inference", "live-session")]
    [InlineData("/cuvis_ai.v1.CuvisAIService/ClearPluginCache", "0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77")]
    public async Task InvokeAsync_LargeCallForALiveSession_OrOfAnRpcWithoutOne_IsCountedAndPassedOnWhole(string path, string firstString)
    {
        // ClearPluginCache's field 1 is a plugin name, not a session id.
        _unknownSessions.Add("0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77");
        var frame = Frame(100 * 1024, sessionId: firstString);
        await WriteAsync(frame, complete: true);
        byte[]? seen = null;

        await InvokeAsync(async c => seen = await ReadAllAsync(c.Request.BodyReader), path: path);

        _nextCalls.Should().Be(1);
        seen.Should().Equal(frame);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 1 })]
    public async Task InvokeAsync_BodyShorterThanAHeader_IsPassedOnUntouched(byte[] body)
    {
        await WriteAsync(body, complete: true);
        byte[]? seen = null;

        await InvokeAsync(async c => seen = await ReadAllAsync(c.Request.BodyReader));

        seen.Should().Equal(body);
    }

    [Fact]
    public async Task InvokeAsync_NotGrpc_IsPassedOnWithoutAPeek()
    {
        _budget.TryReserve(4 * MiB, out _).Should().BeTrue();

        await InvokeAsync(_ => Task.CompletedTask, contentType: "application/grpc-web-text");

        _nextCalls.Should().Be(1);
    }

    [Fact]
    public void PercentEncode_EncodesPercentAndEverythingOutsidePrintableAscii() =>
        TrailersOnlyResponse.PercentEncode("50% of 2 µm\n").Should().Be("50%25 of 2 %C2%B5m%0A");

    public void Dispose() => _services.Dispose();

    /// <summary>A gRPC frame: compressed flag, big-endian length, then that many payload bytes (starting with field 1 when a session id is given).</summary>
    private static byte[] Frame(int length, bool compressed = false, string? sessionId = null)
    {
        var frame = new byte[5 + length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)length);
        new Random(length).NextBytes(frame.AsSpan(5));
        if (sessionId is not null)
        {
            frame[5] = 0x0A;
            frame[6] = (byte)sessionId.Length;
            System.Text.Encoding.ASCII.GetBytes(sessionId).CopyTo(frame, 7);
        }

        return frame;
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, bool complete)
    {
        await _body.Writer.WriteAsync(bytes).AsTask().WaitAsync(Timeout);
        if (complete)
        {
            await _body.Writer.CompleteAsync();
        }
    }

    private async Task<HttpContext> InvokeAsync(
        Func<HttpContext, Task> next, PipeReader? body = null, string contentType = "application/grpc", string path = "/cuvis_ai.v1.CuvisAIService/CreateSession")
    {
        var context = new DefaultHttpContext();
        context.SetCaller(Caller.Anonymous);
        context.Request.ContentType = contentType;
        context.Request.Path = path;
        context.Features.Set<IRequestBodyPipeFeature>(new BodyPipe(body ?? _body.Reader));
        await CreateSut(c =>
        {
            _nextCalls++;
            return next(c);
        }).InvokeAsync(context).WaitAsync(Timeout);
        return context;
    }

    private RequestBytesBudgetMiddleware CreateSut(RequestDelegate next) =>
        new(next, _budget, new Sessions(_unknownSessions), Options.Create(_options), NullLogger<RequestBytesBudgetMiddleware>.Instance);

    private sealed class Sessions(HashSet<string> unknown) : ISessionLookup
    {
        public SandboxException? FindProblem(string sessionId, Caller caller) => unknown.Contains(sessionId) ? new SessionNotFoundException(sessionId) : null;
    }

    private sealed class BodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }

    /// <summary>Forwards to a pipe but keeps PipeReader's own ReadAtLeastAsync, as Kestrel's body reader does.</summary>
    private sealed class LoopingReader(PipeReader inner) : PipeReader
    {
        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) => inner.ReadAsync(cancellationToken);

        public override bool TryRead(out ReadResult result) => inner.TryRead(out result);
    }
}
