using System.Net;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Supervisor.SharedInputs;

namespace Cuvis.Sandbox.Supervisor.Tests.SharedInputs;

public sealed class ClientSegmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cuvis-shm-").FullName;

    [Fact]
    public void CopyTo_AtAnOffset_WritesExactlyTheReferencedBytes()
    {
        var bytes = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(Path.Combine(_directory, "cuvis_a"), bytes);
        using var target = SharedMemoryFile.Create(0);

        using (var segment = ClientSegment.Open(_directory, ShmRefName.Parse("/cuvis_a", "cuvis_", "f"), 5000, 4000, peerUid: null, "f"))
        {
            segment.CopyTo(target.Handle, 7);
        }

        var copied = new byte[4007];
        RandomAccess.Read(target.Handle, copied, 0);
        copied[7..].Should().Equal(bytes[5000..9000]);
    }

    [Fact]
    public void CopyTo_AfterTheClientTruncatedTheMappedSegment_ThrowsIOException_InsteadOfFaultingTheProcess()
    {
        var file = Path.Combine(_directory, "cuvis_shrinks");
        File.WriteAllBytes(file, new byte[64 << 20]);
        using var target = SharedMemoryFile.Create(0);
        using var segment = ClientSegment.Open(_directory, ShmRefName.Parse("/cuvis_shrinks", "cuvis_", "f"), 0, 64 << 20, peerUid: null, "f");

        using (var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, 4096);
        }

        // The mapping now reaches past the file's end: a read there in user mode would be SIGBUS.
        // The kernel does the copy, so it fails with EFAULT after the first page.
        var copy = () => segment.CopyTo(target.Handle, 0);
        copy.Should().Throw<IOException>();
    }

    [Theory]
    [InlineData("/cuvis_../x", "not a POSIX shared-memory name")]
    [InlineData("/..", "not a POSIX shared-memory name")]
    [InlineData("", "not a POSIX shared-memory name")]
    [InlineData("/cuvis_a/b", "not a POSIX shared-memory name")]
    [InlineData("/cuvis_\u00e9", "not a POSIX shared-memory name")]
    [InlineData("/other_1", "does not start with '/cuvis_'")]
    public void Parse_NamesThatAreNotSegmentsOfThisServer_AreRefused(string name, string says)
    {
        var parse = () => ShmRefName.Parse(name, "cuvis_", "inputs.cube.shm_ref.name");

        parse.Should().Throw<ShmRefException>().Which.Message.Should().Contain(says).And.StartWith("Cannot read inputs.cube.shm_ref.name");
    }

    [Fact]
    public void Encode_SpellsEndpointsAsProcNetTcpDoes()
    {
        LoopbackPeer.Encode(IPAddress.Loopback, 0x1F90).Should().Be("0100007F:1F90");
        LoopbackPeer.Encode(IPAddress.IPv6Loopback, 80).Should().Be("00000000000000000000000001000000:0050");
    }

    [Fact]
    public void UidOf_ThisProcesssOwnLoopbackConnection_IsItsOwnUser()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var accepted = listener.AcceptTcpClient();
        var remote = (IPEndPoint)accepted.Client.RemoteEndPoint!;
        var local = (IPEndPoint)accepted.Client.LocalEndPoint!;

        LoopbackPeer.UidOf(remote.Address, remote.Port, local.Address, local.Port).Should().Be(SharedInputNative.GetEffectiveUid());
        LoopbackPeer.UidOf(remote.Address, remote.Port + 1, local.Address, local.Port).Should().BeNull();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
