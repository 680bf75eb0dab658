using System.Diagnostics;
using System.Net.Sockets;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.Worker.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>Only the supervisor drives a worker: its socket refuses everyone else.</summary>
public sealed class WorkerChannelTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task ForeignProcessWithoutTheSecret_IsRefusedBeforeAnyHandlerRuns()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        var socket = WorkerSocket();

        using var channel = GrpcChannel.ForAddress("http://worker", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                    return new NetworkStream(unix, ownsSocket: true);
                },
            },
        });
        var intruder = new SandboxWorker.SandboxWorkerClient(channel);

        var shutdown = () => intruder.ShutdownAsync(new ShutdownRequest { Reason = "intruder" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync;
        var error = (await shutdown.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.Unauthenticated);
        error.Status.Detail.Should().Contain("only its supervisor may call it");

        var load = () => intruder.LoadPluginAsync(new LoadPluginRequest { Name = "x", Directory = "/", MainAssembly = "x.dll" },
            deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync;
        (await load.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);

        // The session never noticed.
        (await supervisor.Client.ListAvailableNodesAsync(new Protos.V1.ListAvailableNodesRequest { SessionId = id },
            deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ProcessOfAnotherUid_CannotEvenConnectToTheSocket()
    {
        var supervisor = await StartSupervisorAsync();
        await supervisor.CreateSessionAsync();
        var socket = WorkerSocket();

        // nobody (65534): like any other local user, or another session's worker.
        var probe = Process.Start(new ProcessStartInfo("setpriv",
        [
            "--reuid", "65534", "--regid", "65534", "--clear-groups", "--",
            "/usr/bin/python3", "-c",
            "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n s.connect(sys.argv[1]); print('connected')\nexcept OSError as e:\n print('refused', e.errno)",
            socket,
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var said = await probe.StandardOutput.ReadToEndAsync();
        await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        said.Trim().Should().Be("refused 13", "EACCES: the socket's directory belongs to the session's own uid");
    }

    [Fact]
    public async Task DescriptorChannel_IsGoneOnceTheSupervisorConnected_SoNothingElseCanConnect()
    {
        var supervisor = await StartSupervisorAsync();
        await supervisor.CreateSessionAsync();
        var run = Path.GetDirectoryName(WorkerSocket())!;
        var path = Path.Combine(run, Protos.WorkerProtocol.DescriptorSocketFileName);

        File.Exists(path).Should().BeFalse("the worker stops listening and removes the socket once its supervisor connected");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        var connect = () => socket.Connect(new UnixDomainSocketEndPoint(path));
        connect.Should().Throw<SocketException>().Which.SocketErrorCode.Should().Be(SocketError.AddressNotAvailable);
    }

    [Fact]
    public async Task SessionCalls_TravelOnTheCallChannel_WhichRefusesCallsWithoutTheSecret()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=0");
        var id = await supervisor.CreateSessionAsync();
        (await supervisor.Client.ListAvailableNodesAsync(new Protos.V1.ListAvailableNodesRequest { SessionId = id },
            deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().NotBeEmpty();
        var path = Path.Combine(Path.GetDirectoryName(WorkerSocket())!, Protos.WorkerProtocol.CallSocketFileName);

        // From outside: the worker serves the supervisor's connection on a thread of its own.
        CallThreads(supervisor.WorkerPids().Should().ContainSingle().Subject).Should().BeGreaterThan(0);

        using var intruder = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 30_000 };
        intruder.Connect(new UnixDomainSocketEndPoint(path));
        using (var frame = new Protos.Framing.CallFrame(new FramedCall { Method = "/cuvis_sandbox.worker.v1.SandboxWorker/Shutdown" }))
        {
            frame.Complete(new ShutdownRequest { Reason = "intruder" }.ToByteArray());
            intruder.Send(frame.Bytes.Span);
        }

        using var reader = new Protos.Framing.CallFrameReader(1024 * 1024);
        var answer = FramedAnswer.Parser.ParseFrom(reader.Read(intruder)!.Value.Header.Span);
        answer.StatusCode.Should().Be((int)StatusCode.Unauthenticated);
        answer.StatusDetail.Should().Contain("only its supervisor may call it");
        (await supervisor.Client.ListAvailableNodesAsync(new Protos.V1.ListAvailableNodesRequest { SessionId = id },
            deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().NotBeEmpty("the session never noticed");
    }

    [Fact]
    public async Task CallChannelTurnedOff_SessionCallsStayOnGrpc()
    {
        var supervisor = await StartSupervisorAsync("--Workers:PoolSize=0", "--Workers:CallChannel=false");
        var id = await supervisor.CreateSessionAsync();

        (await supervisor.Client.ListAvailableNodesAsync(new Protos.V1.ListAvailableNodesRequest { SessionId = id },
            deadline: DateTime.UtcNow.AddSeconds(30))).Nodes.Should().NotBeEmpty();

        CallThreads(supervisor.WorkerPids().Should().ContainSingle().Subject).Should().Be(0, "no connection was made to the call channel");
    }

    /// <summary>Threads of the worker serving a call-channel connection (named by <c>CallChannel</c>).</summary>
    private static int CallThreads(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task").Count(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == "cuvis-call");

    private string WorkerSocket() =>
        Directory.EnumerateFiles(Runtime.Path, "worker.sock", SearchOption.AllDirectories).Should().ContainSingle().Subject;
}
