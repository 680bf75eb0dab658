using System.Buffers;
using Cuvis.Sandbox.Protos.SharedMemory;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// One of a session's shared-memory files (a sealed memfd), reused for one Inference at a time:
/// the request at offset 0, the worker's answer after it. Reusing it across the session's calls
/// is what makes it fast: a fresh file's pages cost more to fault in than copying the tensor.
/// The supervisor never maps it; it writes and reads it with pwritev/pread, so a worker that
/// misbehaves with the file can spoil only its own session's answer.
/// </summary>
internal sealed class SharedArena : IDisposable
{
    private static long _lastId;

    private SharedArena(long id, SharedMemoryFile file)
    {
        Id = id;
        File = file;
    }

    /// <summary>Unique in this supervisor: the name both ends use for it.</summary>
    public long Id { get; }

    public SharedMemoryFile File { get; }

    /// <summary>When it was last given back, for releasing arenas a session stopped using.</summary>
    public long ReturnedAt { get; set; }

    public static SharedArena Create() => new(Interlocked.Increment(ref _lastId), SharedMemoryFile.Create(0));

    /// <summary>Writes <paramref name="payload"/> at offset 0 (the file grows to hold it).</summary>
    public void WriteRequest(ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            RandomAccess.Write(File.Handle, payload.FirstSpan, 0);
            return;
        }

        var segments = new List<ReadOnlyMemory<byte>>();
        foreach (var segment in payload)
        {
            segments.Add(segment);
        }

        RandomAccess.Write(File.Handle, segments, 0);
    }

    public void Dispose() => File.Dispose();
}
