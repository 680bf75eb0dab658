using System.Buffers.Binary;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Supervisor.Workers;
using Cuvis.Sandbox.Supervisor.Workers.Calls;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers.Calls;

/// <summary>
/// The supervisor's end of a worker's call channel against a stand-in worker on a real socket:
/// calls, statuses, trailers, deadlines and cancellation behave as over gRPC, and a worker that
/// answers with anything malformed is a broken transport (UNAVAILABLE), never a misread answer.
/// </summary>
public sealed class WorkerCallChannelTests : IAsyncLifetime
{
    private const int MaxMessageBytes = 1024 * 1024;
    private static readonly string ListMethod = "/cuvis_sandbox.worker.v1.SandboxWorker/ListAvailableNodes";

    private readonly FrameWorker _worker = new();
    private readonly GrpcFallback _grpc = new();
    private WorkerCallChannel _channel = null!;
    private SandboxWorker.SandboxWorkerClient _client = null!;

    public async Task InitializeAsync()
    {
        _channel = new WorkerCallChannel(_grpc, MaxMessageBytes, TimeProvider.System);
        await _channel.OpenAsync(_worker.WorkerSocketPath, Environment.ProcessId, CancellationToken.None);
        _client = new SandboxWorker.SandboxWorkerClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _worker.DisposeAsync();
    }

    [Fact]
    public async Task Call_CarriesItsMethodHeadersAndDeadline_AndGetsTheAnswerWithItsTrailers()
    {
        _worker.Answer = (_, _) => FrameWorker.Frame(
            new FramedAnswer { Trailers = { new FramedMetadata { Key = "cuvis-node-micros", Value = "a=1" } } }, Nodes("Answered"));

        var call = _client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = "s1" },
            new Metadata { { WorkerProtocol.CallIdHeader, "42" } }, DateTime.UtcNow.AddSeconds(30));
        var response = await call;

        response.Nodes.Should().ContainSingle().Which.ClassName.Should().Be("Answered");
        call.GetStatus().StatusCode.Should().Be(StatusCode.OK);
        call.GetTrailers().GetValue("cuvis-node-micros").Should().Be("a=1");
        var (header, payload) = await _worker.Calls.Reader.ReadAsync();
        header.Method.Should().Be(ListMethod);
        header.Headers.Should().ContainSingle(h => h.Key == WorkerProtocol.CallIdHeader).Which.Value.Should().Be("42");
        header.TimeoutMicros.Should().BeInRange(20_000_000, 30_000_000);
        ListAvailableNodesRequest.Parser.ParseFrom(payload).SessionId.Should().Be("s1");
        _grpc.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task SequentialCalls_ShareOneConnection()
    {
        _worker.Answer = (_, _) => FrameWorker.Frame(new FramedAnswer(), Nodes("n"));

        for (var i = 0; i < 5; i++)
        {
            (await _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().HaveCount(1);
        }

        _worker.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task FailedStatus_IsAnRpcExceptionWithItsDetailAndTrailers_AndTheConnectionStaysInUse()
    {
        var details = new byte[] { 1, 2, 3, 250 };
        _worker.Answer = (header, _) => header.Headers.Any(h => h.Key == "x-fail")
            ? FrameWorker.Frame(new FramedAnswer
            {
                StatusCode = (int)StatusCode.InvalidArgument,
                StatusDetail = "bad pipeline",
                Trailers = { new FramedMetadata { Key = "grpc-status-details-bin", BinaryValue = ByteString.CopyFrom(details) } },
            })
            : FrameWorker.Frame(new FramedAnswer(), Nodes("n"));

        var failing = () => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), new Metadata { { "x-fail", "1" } }, DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

        var error = (await failing.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Be("bad pipeline");
        error.Status.DebugException.Should().BeNull("the worker answered; the transport did not fail");
        error.Trailers.GetValueBytes("grpc-status-details-bin").Should().Equal(details);
        (await _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().HaveCount(1);
        _worker.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task Deadline_EndsTheCall_AndClosesItsConnection_SoTheWorkerCancelsIt()
    {
        var call = () => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync;

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        (await _worker.Closed.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(1);
    }

    [Fact]
    public async Task Cancellation_EndsTheCall_AndClosesItsConnection()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellation.Token);
        await _worker.Calls.Reader.ReadAsync();

        await cancellation.CancelAsync();

        var wait = () => call.ResponseAsync;
        (await wait.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Cancelled);
        (await _worker.Closed.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(1);
        call.GetStatus().StatusCode.Should().Be(StatusCode.Cancelled);
    }

    [Fact]
    public async Task PassedDeadline_FailsAtOnce_WithoutSendingTheCall()
    {
        var call = () => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)).ResponseAsync;

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        _worker.Calls.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task RequestOverTheMessageLimit_IsResourceExhausted_AndNotSent()
    {
        var request = new LoadPipelineRequest { Config = new PipelineConfig { ConfigBytes = ByteString.CopyFrom(new byte[MaxMessageBytes + 1]) } };

        var call = () => _client.LoadPipelineAsync(request, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        _worker.Calls.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task WorkerThatClosesTheConnection_IsUnavailable_AsABrokenTransport_AndTheNextCallReconnects()
    {
        var first = true;
        _worker.Answer = (_, _) =>
        {
            var close = first;
            first = false;
            return close ? [] : FrameWorker.Frame(new FramedAnswer(), Nodes("n"));
        };

        var call = () => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unavailable);
        error.Status.DebugException.Should().BeOfType<IOException>();
        (await call()).Nodes.Should().HaveCount(1);
        _worker.Accepted.Should().Be(2);
    }

    public static TheoryData<string> MalformedAnswers => ["payload on a failure", "oversized message", "oversized header", "garbage header", "bad metadata key", "stray bytes"];

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public async Task MalformedAnswer_IsUnavailable_AndItsConnectionIsNeverUsedAgain(string kind)
    {
        var first = true;
        _worker.Answer = (_, _) =>
        {
            var malformed = first;
            first = false;
            return malformed ? Malformed(kind) : FrameWorker.Frame(new FramedAnswer(), Nodes("n"));
        };

        var call = () => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

        if (kind == "stray bytes")
        {
            // The answer itself is sound; the bytes after it make the connection unfit for another call.
            (await call()).Nodes.Should().HaveCount(1);
        }
        else
        {
            var error = (await call.Should().ThrowAsync<RpcException>()).Which;
            error.StatusCode.Should().Be(StatusCode.Unavailable);
            error.Status.DebugException.Should().NotBeNull();
        }

        (await call()).Nodes.Should().HaveCount(1);
        _worker.Accepted.Should().Be(2);
    }

    [Fact]
    public async Task MoreCallsAtOnceThanConnections_GoOverGrpc()
    {
        using var cancellation = new CancellationTokenSource();
        var held = Enumerable.Range(0, WorkerCallChannel.MaxConnections)
            .Select(_ => _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellation.Token))
            .ToList();
        for (var i = 0; i < held.Count; i++)
        {
            await _worker.Calls.Reader.ReadAsync();
        }

        var overflow = await _client.ListAvailableNodesAsync(new ListAvailableNodesRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        overflow.Nodes.Should().ContainSingle().Which.ClassName.Should().Be(GrpcFallback.NodeName);
        _grpc.Calls.Should().Equal(ListMethod);
        _worker.Accepted.Should().Be(WorkerCallChannel.MaxConnections);
        await cancellation.CancelAsync();
        foreach (var call in held)
        {
            await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();
        }
    }

    [Fact]
    public async Task BeforeItIsOpen_CallsGoOverGrpc()
    {
        using var closed = new WorkerCallChannel(_grpc, MaxMessageBytes, TimeProvider.System);

        var response = await new SandboxWorker.SandboxWorkerClient(closed).ListAvailableNodesAsync(new ListAvailableNodesRequest());

        response.Nodes.Single().ClassName.Should().Be(GrpcFallback.NodeName);
        closed.IsOpen.Should().BeFalse();
    }

    [Fact]
    public async Task OpenAsync_RefusesASocketServedByAnotherProcess()
    {
        using var other = new WorkerCallChannel(_grpc, MaxMessageBytes, TimeProvider.System);

        var open = () => other.OpenAsync(_worker.WorkerSocketPath, Environment.ProcessId + 1, CancellationToken.None);

        (await open.Should().ThrowAsync<WorkerStartException>()).Which.Message.Should().Contain($"not by the worker (pid {Environment.ProcessId + 1})");
        other.IsOpen.Should().BeFalse();
    }

    private static ListAvailableNodesResponse Nodes(string className) => new() { Nodes = { new NodeInfo { ClassName = className } } };

    private static byte[] Malformed(string kind)
    {
        switch (kind)
        {
            case "payload on a failure":
                return FrameWorker.Frame(new FramedAnswer { StatusCode = (int)StatusCode.Internal }, Nodes("sneaked"));
            case "oversized message":
            case "oversized header":
                var prefix = new byte[8];
                BinaryPrimitives.WriteUInt32LittleEndian(prefix, kind == "oversized header" ? 64u * 1024 * 1024 : 0);
                BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), kind == "oversized message" ? MaxMessageBytes + 1u : 0);
                return prefix;
            case "garbage header":
                byte[] garbage = [0xff, 0xff, 0xff, 0xff, 0x0f];
                var frame = new byte[8 + garbage.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)garbage.Length);
                garbage.CopyTo(frame, 8);
                return frame;
            case "bad metadata key":
                return FrameWorker.Frame(new FramedAnswer { Trailers = { new FramedMetadata { Key = "Not A Key!", Value = "x" } } }, Nodes("n"));
            default:
                return [.. FrameWorker.Frame(new FramedAnswer(), Nodes("n")), 0, 0, 0];
        }
    }

    /// <summary>The worker's gRPC channel as the call channel falls back to it: answers every unary call with one node.</summary>
    private sealed class GrpcFallback : CallInvoker
    {
        public const string NodeName = "OverGrpc";

        public List<string> Calls { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            lock (Calls)
            {
                Calls.Add(method.FullName);
            }

            var response = (TResponse)(object)Nodes(NodeName);
            return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }
}
