using System.Buffers;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A worker's Inference answer as the supervisor passes it on: parsed, or the serialised
/// InferenceResponse the worker wrote into the call's shared-memory arena, read (pread) once,
/// straight into the public response (<see cref="WriteTo"/>). The supervisor never maps a file a
/// worker can write to.
/// </summary>
internal sealed class InferenceAnswer
{
    // pread this much at a time.
    private const int ReadPieceBytes = 1024 * 1024;

    private readonly SharedMemoryFile? _file;
    private readonly long _offset;

    private InferenceAnswer(InferenceResponse? parsed, SharedMemoryFile? file, long offset, int length)
    {
        Parsed = parsed;
        _file = file;
        _offset = offset;
        Length = length;
    }

    /// <summary>The answer, when it came over the channel.</summary>
    public InferenceResponse? Parsed { get; }

    /// <summary>The serialised answer's length in bytes.</summary>
    public int Length { get; }

    public static InferenceAnswer Of(InferenceResponse response) => new(response, null, 0, response.CalculateSize());

    /// <summary>The region [<paramref name="offset"/>, +<paramref name="length"/>) of <paramref name="file"/>, which stays the call's until it ends.</summary>
    public static InferenceAnswer Shared(SharedMemoryFile file, long offset, int length) => new(null, file, offset, length);

    /// <summary>Writes the serialised answer (exactly <see cref="Length"/> bytes).</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        if (Parsed is not null)
        {
            Parsed.WriteTo(writer);
            return;
        }

        // Read in large pieces (few syscalls) into one scratch buffer, then copy into the writer's own
        // blocks as it hands them out: asking it for large spans made the response pipe rent a fresh
        // 1 MiB array per piece, and 50 128 MiB answers took the supervisor from 365 to 459 MiB.
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(Length, ReadPieceBytes));
        try
        {
            var offset = _offset;
            var left = Length;
            while (left > 0)
            {
                var read = RandomAccess.Read(_file!.Handle, scratch.AsSpan(0, Math.Min(left, scratch.Length)), offset);
                if (read == 0)
                {
                    // Checked against the file's length when the answer came; only a hostile worker could cut it
                    // short since, and the seal forbids that. The client then gets a message cut short.
                    throw new IOException($"The shared-memory answer ended after {offset - _offset} of {Length} bytes.");
                }

                for (var copied = 0; copied < read;)
                {
                    var block = writer.GetSpan();
                    var count = Math.Min(block.Length, read - copied);
                    scratch.AsSpan(copied, count).CopyTo(block);
                    writer.Advance(count);
                    copied += count;
                }

                offset += read;
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
