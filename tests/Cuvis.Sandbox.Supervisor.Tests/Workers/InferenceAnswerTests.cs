using System.Buffers;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

/// <summary>
/// A shared answer is copied out of its arena into the response writer's own blocks, as the
/// writer hands them out: asking it for large spans made the response pipe rent a fresh array per
/// piece, which kept the supervisor's memory growing across large calls.
/// </summary>
public sealed class InferenceAnswerTests
{
    [Fact]
    public void SharedAnswer_IsCopiedWhole_IntoTheWritersOwnBlocks()
    {
        const int Offset = SharedMemoryFile.Alignment;
        var bytes = Enumerable.Range(0, (3 * 1024 * 1024) + 4321).Select(i => (byte)(i * 31 + 7)).ToArray();
        using var file = SharedMemoryFile.Create(Offset + bytes.Length + 100);
        RandomAccess.Write(file.Handle, bytes, Offset);
        var writer = new BlockWriter(4096);

        InferenceAnswer.Shared(file, Offset, bytes.Length).WriteTo(writer);

        writer.Written.Should().Equal(bytes);
        writer.LargestHint.Should().Be(0, "the answer takes the blocks the writer has, never asks for larger ones");
    }

    [Fact]
    public void SharedAnswerCutShort_IsAnIOException()
    {
        using var file = SharedMemoryFile.Create(10_000);

        var write = () => InferenceAnswer.Shared(file, 0, 20_000).WriteTo(new BlockWriter(4096));

        write.Should().Throw<IOException>().WithMessage("*ended after 10000 of 20000 bytes*");
    }

    /// <summary>A response writer that hands out blocks of one size, as Kestrel's pipe does from its pool.</summary>
    private sealed class BlockWriter(int blockBytes) : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _block = [];

        public int LargestHint { get; private set; }

        public byte[] Written => [.. _written];

        public void Advance(int count) => _written.AddRange(_block.AsSpan(0, count));

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            LargestHint = Math.Max(LargestHint, sizeHint);
            _block = new byte[Math.Max(blockBytes, sizeHint)];
            return _block;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
