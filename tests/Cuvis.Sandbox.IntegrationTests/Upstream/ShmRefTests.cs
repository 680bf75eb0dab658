using System.Diagnostics;
using System.Runtime.InteropServices;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Upstream;

/// <summary>
/// Input tensors passed by shm_ref, through a real supervisor and contained worker: a POSIX
/// segment in /dev/shm gives the same answer as the same bytes sent raw; a wrong size, a name
/// outside the prefix or a path, a link to a server file, a segment of another user, one too small
/// and one shrunk while the call reads it each get INVALID_ARGUMENT naming the field, and the
/// session answers the next call as before.
/// </summary>
public sealed class ShmRefTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    private static readonly float[] Cube = [.. Enumerable.Range(0, 2 * 3 * 4 * 5).Select(i => (float)Math.Sin(i))];

    [Fact]
    public async Task CubeBySharedMemory_AnswersAsTheSameBytesSentRaw_AtAnOffsetToo()
    {
        var session = await PipelineAsync();
        var bytes = MemoryMarshal.AsBytes(Cube.AsSpan()).ToArray();
        using var segment = Segment.Create([.. new byte[100], .. bytes]);

        var raw = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(Cube, 2, 3, 4, 5) });
        var shared = await session.InferAsync(new InputBatch { Cube = Reference(segment.Name, 100, bytes.Length) });

        var normalized = PipelineSession.Values<float>(shared.Outputs["norm.normalized"]);
        normalized.Should().HaveCount(Cube.Length).And.Equal(PipelineSession.Values<float>(raw.Outputs["norm.normalized"]));
        normalized.Distinct().Should().HaveCountGreaterThan(10, "the segment's bytes, not zeros, were normalised");
    }

    [Fact]
    public async Task BadReferences_AreInvalidArgumentNamingTheField_AndTheSessionCarriesOn()
    {
        var session = await PipelineAsync();
        var size = Cube.Length * sizeof(float);
        using var segment = Segment.Create(MemoryMarshal.AsBytes(Cube.AsSpan()).ToArray());
        using var small = Segment.Create(new byte[size - 4]);
        using var foreign = Segment.Create(new byte[size]);
        foreign.GiveTo(uid: 54321, mode: UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = "/dev/shm/cuvis_link_" + Guid.NewGuid().ToString("N");
        File.CreateSymbolicLink(link, "/etc/passwd");
        try
        {
            (string Case, Tensor Tensor, string Field, string Says)[] cases =
            [
                ("byte_size one element short", Reference(segment.Name, 0, size - 4), "inputs.cube.shm_ref.byte_size", "takes exactly 480 bytes"),
                ("a name outside the prefix", Reference("/psm_0123", 0, size), "inputs.cube.shm_ref.name", "does not start with '/cuvis_'"),
                ("a path out of /dev/shm", Reference("/cuvis_/../../etc/passwd", 0, size), "inputs.cube.shm_ref.name", "not a POSIX shared-memory name"),
                ("a link to /etc/passwd", Reference("/" + Path.GetFileName(link), 0, size), "inputs.cube.shm_ref.name", "symbolic link"),
                ("another user's private segment", Reference(foreign.Name, 0, size), "inputs.cube.shm_ref.name", "belongs to another user"),
                ("a segment too small", Reference(small.Name, 0, size), "inputs.cube.shm_ref.byte_size", "holds 476 bytes"),
                ("a segment that does not exist", Reference("/cuvis_missing_" + Guid.NewGuid().ToString("N"), 0, size), "inputs.cube.shm_ref.name", "no shared-memory segment"),
            ];

            foreach (var (name, tensor, field, says) in cases)
            {
                var call = () => session.InferAsync(new InputBatch { Cube = tensor });
                var error = (await call.Should().ThrowAsync<RpcException>(name)).Which;
                error.StatusCode.Should().Be(StatusCode.InvalidArgument, name);
                error.Status.Detail.Should().Contain(field, name).And.Contain(says, name);
                Output.WriteLine($"{name}: {error.Status.Detail}");
            }
        }
        finally
        {
            File.Delete(link);
        }

        var after = await session.InferAsync(new InputBatch { Cube = Reference(segment.Name, 0, size) });
        var raw = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(Cube, 2, 3, 4, 5) });
        PipelineSession.Values<float>(after.Outputs["norm.normalized"]).Should().Equal(PipelineSession.Values<float>(raw.Outputs["norm.normalized"]));
    }

    [Fact]
    public async Task SegmentShrunkWhileTheCallReadsIt_FailsThatCallClearly_AndNeverTheSupervisor()
    {
        var session = await PipelineAsync("""
            nodes: [{name: input, class: HyperspectralInput}]
            connections: []
            """);
        const int Floats = 64 << 20 >> 2;
        var errors = new List<string>();
        for (var attempt = 0; attempt < 6 && errors.Count == 0; attempt++)
        {
            using var segment = Segment.Create(new byte[Floats * sizeof(float)]);
            var call = session.InferAsync(new InputBatch { Cube = Reference(segment.Name, 0, Floats * sizeof(float), 1, 1024, 1024, 16) });
            await Task.Delay(attempt);
            segment.Truncate();
            try
            {
                await call;
            }
            catch (RpcException e)
            {
                e.StatusCode.Should().Be(StatusCode.InvalidArgument, e.ToString());
                e.Status.Detail.Should().Contain("inputs.cube.shm_ref");
                errors.Add(e.Status.Detail);
            }
        }

        errors.Should().NotBeEmpty("a segment emptied right after the call was sent is caught at its size check or mid-copy");
        Output.WriteLine(string.Join("\n", errors));
        Process.GetProcessById(Supervisor.ProcessId).HasExited.Should().BeFalse();
        var after = await session.InferAsync(new InputBatch { Cube = PipelineSession.Wire(Cube, 2, 3, 4, 5) });
        after.Outputs.Should().ContainKey("input.cube");
    }

    private async Task<PipelineSession> PipelineAsync(string pipeline = PipelineSession.MinMaxPipeline)
    {
        var session = new PipelineSession(Supervisor, await OpenSessionAsync());
        (await session.LoadPipelineAsync(pipeline)).Success.Should().BeTrue();
        return session;
    }

    internal static Tensor Reference(string name, long offset, long size, params long[] shape)
    {
        var tensor = new Tensor { Dtype = DType.Float32, ShmRef = new ShmRef { Name = name, ByteOffset = (ulong)offset, ByteSize = (ulong)size } };
        tensor.Shape.Add(shape.Length > 0 ? shape : [2, 3, 4, 5]);
        return tensor;
    }
}

/// <summary>From a client that is not on loopback, shm_ref is PERMISSION_DENIED, whatever the segment.</summary>
public sealed class ShmRefRemoteClientTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task RemoteClient_IsDeniedSharedMemory_AndItsRawBytesStillWork()
    {
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        address.Should().NotBeNull("this test needs a non-loopback IPv4 address to call from");
        var supervisor = await StartSupervisorAsync("--Server:BindAddress=0.0.0.0", "--Server:AllowUnauthenticatedRemote=true");
        using var channel = GrpcChannel.ForAddress($"http://{address}:{supervisor.Port}");
        var client = new CuvisAIService.CuvisAIServiceClient(channel);
        var session = (await client.CreateSessionAsync(new CreateSessionRequest())).SessionId;
        await client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = session,
            Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8("nodes: [{name: input, class: HyperspectralInput}]\nconnections: []\n") },
        });
        var cube = new float[120];
        using var segment = Segment.Create(new byte[cube.Length * sizeof(float)]);

        var call = () => client.InferenceAsync(new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = ShmRefTests.Reference(segment.Name, 0, 480) } }).ResponseAsync;

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.PermissionDenied);
        error.Status.Detail.Should().Contain($"the call comes from {address}").And.Contain("SharedMemoryInputs:AllowRemoteClients");
        var raw = await client.InferenceAsync(new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = PipelineSession.Wire(cube, 2, 3, 4, 5) } });
        raw.Outputs.Should().ContainKey("input.cube");
    }
}

/// <summary>A POSIX shared-memory segment, as multiprocessing.shared_memory makes one: a file in /dev/shm, removed at the end.</summary>
internal sealed class Segment : IDisposable
{
    private Segment(string file) => File = file;

    public string File { get; }

    /// <summary>The name a client passes: "/" and the file's name.</summary>
    public string Name => "/" + Path.GetFileName(File);

    public static Segment Create(byte[] bytes)
    {
        var segment = new Segment("/dev/shm/cuvis_test_" + Guid.NewGuid().ToString("N"));
        System.IO.File.WriteAllBytes(segment.File, bytes);
        return segment;
    }

    public void GiveTo(int uid, UnixFileMode mode)
    {
        System.IO.File.SetUnixFileMode(File, mode);
        using var chown = Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), File]);
        chown.WaitForExit();
        chown.ExitCode.Should().Be(0, "the test runs as root, which may give a file away");
    }

    public void Truncate()
    {
        using var handle = System.IO.File.OpenHandle(File, FileMode.Open, FileAccess.Write);
        RandomAccess.SetLength(handle, 0);
    }

    public void Dispose() => System.IO.File.Delete(File);
}
