using System.Buffers.Binary;
using System.Net.Sockets;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Calls;
using Cuvis.Sandbox.Worker.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using static Cuvis.Sandbox.Worker.Tests.Infrastructure.InProcessWorker;

namespace Cuvis.Sandbox.Worker.Tests.Calls;

/// <summary>
/// The worker's call channel, spoken to in raw frames on its real socket: it runs the same
/// service behind the same interceptors as the gRPC endpoint, answers as it does, and a closed
/// connection, a passed deadline or a frame that breaks the protocol ends the call under way,
/// which its Health (over gRPC) shows from outside. Synchronous tests are bounded by the
/// client's 30 s receive timeout.
/// </summary>
public sealed class CallChannelTests : IAsyncLifetime
{
    private const string Service = "/cuvis_sandbox.worker.v1.SandboxWorker/";
    private InProcessWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task ListAvailableNodes_AnswersExactlyAsOverGrpc()
    {
        using var client = Connect();

        var (answer, payload) = client.Call("ListAvailableNodes", new ListAvailableNodesRequest());

        answer.StatusCode.Should().Be((int)StatusCode.OK);
        var overGrpc = await _worker.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), Call);
        ListAvailableNodesResponse.Parser.ParseFrom(payload).Should().Be(overGrpc);
        overGrpc.Nodes.Should().NotBeEmpty();
    }

    [Fact]
    public void CallWithoutTheSecret_IsUnauthenticated()
    {
        using var client = Connect();

        var (answer, payload) = client.Call("Shutdown", new ShutdownRequest { Reason = "intruder" }, token: "not-the-secret");

        answer.StatusCode.Should().Be((int)StatusCode.Unauthenticated);
        answer.StatusDetail.Should().Contain("only its supervisor may call it");
        payload.Should().BeEmpty();
        client.Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK, "the worker did not shut down");
    }

    [Fact]
    public void UnknownMethod_IsUnimplemented_AndTheConnectionServesOn()
    {
        using var client = Connect();

        client.Call("NoSuchMethod", new HealthRequest()).Answer.StatusCode.Should().Be((int)StatusCode.Unimplemented);
        client.Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK);
    }

    [Fact(Timeout = 60_000)]
    public async Task RejectedPipeline_CarriesTheSameRichStatusDetailsAsOverGrpc()
    {
        var request = new LoadPipelineRequest
        {
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes:\n  - {name: w, class: MinMaxNormalizr}\nconnections: []\n") },
        };
        using var client = Connect();

        var (answer, _) = client.Call("LoadPipeline", request);

        var overGrpc = await FluentActions.Awaiting(() => _worker.Client.LoadPipelineAsync(request, Call).ResponseAsync).Should().ThrowAsync<RpcException>();
        answer.StatusCode.Should().Be((int)StatusCode.InvalidArgument);
        answer.StatusDetail.Should().Be(overGrpc.Which.Status.Detail);
        answer.Trailers.Should().ContainSingle(t => t.Key == "grpc-status-details-bin")
            .Which.BinaryValue.ToByteArray().Should().Equal(overGrpc.Which.Trailers.GetValueBytes("grpc-status-details-bin"));
    }

    [Fact(Timeout = 60_000)]
    public async Task ClosingTheConnection_CancelsTheCallUnderWay()
    {
        var client = Connect();
        client.Send("InferenceShared", new SharedInferenceRequest { ArenaId = 77, RequestLength = 8 }, callId: 501);
        await RunningAsync(501, expected: true);

        client.Dispose();

        await RunningAsync(501, expected: false);
    }

    [Fact(Timeout = 60_000)]
    public async Task PassedDeadline_CancelsTheCall_AndAnswersDeadlineExceeded()
    {
        using var client = Connect();

        var (answer, _) = client.Call("InferenceShared", new SharedInferenceRequest { ArenaId = 78, RequestLength = 8 }, callId: 502, timeoutMicros: 300_000);

        answer.StatusCode.Should().Be((int)StatusCode.DeadlineExceeded);
        await RunningAsync(502, expected: false);
        client.Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK);
    }

    [Fact(Timeout = 60_000)]
    public async Task SecondCallWhileOneRuns_ClosesTheConnection_AndCancelsTheFirst()
    {
        using var client = Connect();
        client.Send("InferenceShared", new SharedInferenceRequest { ArenaId = 79, RequestLength = 8 }, callId: 503);
        await RunningAsync(503, expected: true);

        client.Send("ListAvailableNodes", new ListAvailableNodesRequest());

        client.Read().Should().BeNull("the worker closes a connection that breaks the one-call-at-a-time rule");
        await RunningAsync(503, expected: false);
    }

    [Theory]
    [InlineData(CallFrame.MaxHeaderBytes + 1u, 0u)]
    [InlineData(0u, 64u * 1024 * 1024 + 1)]
    public void OversizedFrame_ClosesTheConnection_BeforeItIsBuffered_AndOthersAreServed(uint headerBytes, uint payloadBytes)
    {
        using var client = Connect();
        var prefix = new byte[CallFrame.PrefixBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, headerBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), payloadBytes);

        client.Socket.Send(prefix);

        client.Read().Should().BeNull();
        using var other = Connect();
        other.Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK);
    }

    [Fact]
    public void ConnectionsBeyondTheLimit_AreClosed_AndTheOpenOnesServeOn()
    {
        var open = Enumerable.Range(0, CallChannel.MaxConnections).Select(_ => Connect()).ToList();
        try
        {
            foreach (var client in open)
            {
                client.Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK);
            }

            using var extra = Connect();
            extra.Send("ListAvailableNodes", new ListAvailableNodesRequest());
            extra.Read().Should().BeNull();
            open[0].Call("ListAvailableNodes", new ListAvailableNodesRequest()).Answer.StatusCode.Should().Be((int)StatusCode.OK);
        }
        finally
        {
            open.ForEach(client => client.Dispose());
        }
    }

    private FrameClient Connect() => new(_worker.CallSocketPath);

    private async Task RunningAsync(long callId, bool expected)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var health = await _worker.Client.HealthAsync(new HealthRequest(), Call);
            if (health.RunningCalls.Contains(callId) == expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"Call {callId} should {(expected ? "" : "no longer ")}be running after 10 s.");
    }

    /// <summary>The supervisor's side of one call-channel connection, frame by frame.</summary>
    private sealed class FrameClient : IDisposable
    {
        private readonly CallFrameReader _reader = new(64 * 1024 * 1024);

        public FrameClient(string path)
        {
            Socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 30_000 };
            Socket.Connect(new UnixDomainSocketEndPoint(path));
        }

        public Socket Socket { get; }

        public void Send(string method, IMessage request, string? token = null, long? callId = null, long timeoutMicros = 0)
        {
            var header = new FramedCall { Method = Service + method, TimeoutMicros = timeoutMicros };
            header.Headers.Add(new FramedMetadata { Key = WorkerProtocol.TokenHeader, Value = token ?? Secret });
            if (callId is { } id)
            {
                header.Headers.Add(new FramedMetadata { Key = WorkerProtocol.CallIdHeader, Value = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            using var frame = new CallFrame(header);
            frame.Complete(request.ToByteArray());
            Socket.Send(frame.Bytes.Span);
        }

        /// <summary>The next answer; null when the worker closed the connection.</summary>
        public (FramedAnswer Answer, byte[] Payload)? Read()
        {
            try
            {
                return _reader.Read(Socket) is { } frame ? (FramedAnswer.Parser.ParseFrom(frame.Header.Span), frame.Payload.ToArray()) : null;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return null;
            }
        }

        public (FramedAnswer Answer, byte[] Payload) Call(string method, IMessage request, string? token = null, long? callId = null, long timeoutMicros = 0)
        {
            Send(method, request, token, callId, timeoutMicros);
            return Read() ?? throw new IOException($"The worker closed the connection instead of answering {method}.");
        }

        public void Dispose()
        {
            Socket.Dispose();
            _reader.Dispose();
        }
    }
}
