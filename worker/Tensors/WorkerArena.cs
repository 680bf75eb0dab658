using Cuvis.Sandbox.Protos.SharedMemory;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// One of the session's shared-memory files as the worker holds it: the file and one mapping of
/// it from offset 0, kept across the calls that use it (so their pages are faulted in once) and
/// remapped when a call needs more of the file than is mapped. The supervisor uses an arena for
/// one call at a time.
/// </summary>
internal sealed class WorkerArena(SharedMemoryFile file) : IDisposable
{
    private MappedRegion? _mapping;

    public SharedMemoryFile File { get; } = file;

    /// <summary><paramref name="length"/> bytes at <paramref name="offset"/>, mapped; the file must already hold them.</summary>
    public Span<byte> Span(long offset, int length)
    {
        var end = offset + length;
        if (offset < 0 || length < 0 || end > File.Length)
        {
            throw new UnreadableRequestException(
                $"The bytes [{offset}, {end}) lie outside the session's shared-memory file of {File.Length} bytes.");
        }

        if (end > int.MaxValue)
        {
            throw new AnswerTooLargeException(
                $"The request and its answer need {end:N0} bytes of shared memory together, more than one mapping holds (2 GiB); send a smaller batch.");
        }

        if (_mapping is null || _mapping.Length < end)
        {
            (_mapping as IDisposable)?.Dispose();
            _mapping = null;
            // The whole file, rounded to the mapping granularity: later calls of the same size need no remap.
            _mapping = File.Map((int)Math.Min(File.Length, int.MaxValue));
        }

        return _mapping.GetSpan().Slice(checked((int)offset), length);
    }

    public void Dispose()
    {
        (_mapping as IDisposable)?.Dispose();
        _mapping = null;
        File.Dispose();
    }
}
