using System.Net.Sockets;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers.Calls;

/// <summary>The call channel's frames on a real connected socket pair, however the bytes arrive.</summary>
public sealed class CallFrameReaderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cuvis-frames-");
    private readonly Socket _sender;
    private readonly Socket _receiver;

    public CallFrameReaderTests()
    {
        var path = Path.Combine(_directory.FullName, "pair.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        _sender = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _sender.Connect(new UnixDomainSocketEndPoint(path));
        _receiver = listener.Accept();
        _receiver.ReceiveTimeout = 30_000;
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task FrameArrivingByteByByte_IsReadWhole()
    {
        var bytes = Frame("/a/B", [1, 2, 3, 4, 5]);
        var sending = Task.Run(() =>
        {
            foreach (var b in bytes)
            {
                _sender.Send([b]);
                Thread.Sleep(1);
            }
        });
        using var reader = new CallFrameReader(1024);

        var frame = reader.Read(_receiver)!.Value;

        FramedCall.Parser.ParseFrom(frame.Header.Span).Method.Should().Be("/a/B");
        frame.Payload.ToArray().Should().Equal(1, 2, 3, 4, 5);
        reader.IsEmpty.Should().BeTrue();
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task FramesInOneSend_AreReadOneByOne_AndAsyncReadsTheSame()
    {
        _sender.Send([.. Frame("/a/First", [1]), .. Frame("/a/Second", [])]);
        using var reader = new CallFrameReader(1024);

        var first = (await reader.ReadAsync(_receiver, CancellationToken.None))!.Value;
        FramedCall.Parser.ParseFrom(first.Header.Span).Method.Should().Be("/a/First");
        first.Payload.ToArray().Should().Equal(1);
        reader.IsEmpty.Should().BeFalse("the second frame is already buffered");
        var second = reader.Read(_receiver)!.Value;
        FramedCall.Parser.ParseFrom(second.Header.Span).Method.Should().Be("/a/Second");
        second.Payload.Length.Should().Be(0);
        reader.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task LargeFrame_ThenSmallOnes_AreAllReadIntact()
    {
        var large = Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i * 7)).ToArray();
        var sending = Task.Run(() => _sender.Send([.. Frame("/a/Large", large), .. Frame("/a/Small", [9])]));
        using var reader = new CallFrameReader(4 * 1024 * 1024);

        reader.Read(_receiver)!.Value.Payload.ToArray().Should().Equal(large);
        reader.Read(_receiver)!.Value.Payload.ToArray().Should().Equal(9);
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void CloseBetweenFrames_IsTheEnd_AndCloseInsideOne_IsAnError()
    {
        using var reader = new CallFrameReader(1024);
        _sender.Send(Frame("/a/B", [1]));
        _sender.Send(Frame("/a/C", [1, 2, 3])[..^2]);
        _sender.Shutdown(SocketShutdown.Send);

        reader.Read(_receiver).Should().NotBeNull();
        var read = () => reader.Read(_receiver);
        read.Should().Throw<IOException>().WithMessage("*closed inside a frame*");
    }

    [Fact]
    public void CloseBeforeAnyFrame_IsTheEnd()
    {
        using var reader = new CallFrameReader(1024);
        _sender.Shutdown(SocketShutdown.Send);

        reader.Read(_receiver).Should().BeNull();
    }

    [Fact]
    public void PayloadOverTheLimit_IsRefusedFromItsPrefix()
    {
        using var reader = new CallFrameReader(4);
        _sender.Send(Frame("/a/B", [1, 2, 3, 4, 5])[..CallFrame.PrefixBytes]);

        var read = () => reader.Read(_receiver);

        read.Should().Throw<InvalidDataException>().WithMessage("*message of 5 bytes; at most 4*");
    }

    [Fact]
    public void AnnouncedLength_CostsNothing_UntilItsBytesArrive()
    {
        using var reader = new CallFrameReader(64 * 1024 * 1024);
        var prefix = new byte[CallFrame.PrefixBytes];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(4), 60u * 1024 * 1024);
        _sender.Send([.. prefix, 1, 2, 3]);
        _sender.Shutdown(SocketShutdown.Send);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = () => reader.Read(_receiver);
        read.Should().Throw<IOException>().WithMessage("*closed inside a frame (11 bytes*");

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024, "a peer that announces 60 MiB and sends 3 bytes is not given 60 MiB");
    }

    private static byte[] Frame(string method, byte[] payload)
    {
        using var frame = new CallFrame(new FramedCall { Method = method });
        frame.Complete(payload);
        return frame.Bytes.ToArray();
    }
}
