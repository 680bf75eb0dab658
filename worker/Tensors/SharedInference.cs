using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// An InferenceShared call's two halves in its arena: the public request the supervisor wrote at
/// offset 0, and the answer written after it.
/// </summary>
internal static class SharedInference
{
    /// <summary>Parses the request (its tensors are copied out, so nothing holds on to the arena after the call).</summary>
    /// <exception cref="UnreadableRequestException">The bytes are not an InferenceRequest, or lie outside the file.</exception>
    public static InferenceRequest ReadRequest(WorkerArena arena, long requestLength)
    {
        if (requestLength is < 0 or > int.MaxValue)
        {
            throw new UnreadableRequestException($"A shared-memory request of {requestLength} bytes cannot be one message.");
        }

        // Room for an answer as large as the request, so the one mapping made now holds both
        // (a memfd's length costs nothing until its pages are touched). Mapping the request alone
        // meant a remap for the answer, and every page faulted in again on the next call.
        arena.File.Grow(SharedMemoryFile.AlignUp(requestLength) + requestLength);
        try
        {
            return InferenceRequest.Parser.ParseFrom(arena.Span(0, (int)requestLength));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UnreadableRequestException(RequestProblems.Unreadable(nameof(InferenceRequest), e.Message));
        }
    }

    /// <summary>Writes <paramref name="response"/> after the request, growing the file as needed; returns where it lies.</summary>
    /// <exception cref="AnswerTooLargeException">The answer is larger than one message may be.</exception>
    public static (long Offset, int Length) WriteResponse(WorkerArena arena, long requestLength, InferenceResponse response, int maxMessageBytes)
    {
        var length = response.CalculateSize();
        if (length > maxMessageBytes)
        {
            throw new AnswerTooLargeException(
                $"The inference answer is {length:N0} bytes, more than the {maxMessageBytes:N0} one message may hold (Server:MaxMessageBytes); "
                + "ask for fewer outputs with output_specs, or send a smaller batch.");
        }

        var offset = SharedMemoryFile.AlignUp(requestLength);
        arena.File.Grow(offset + length);
        response.WriteTo(arena.Span(offset, length));
        return (offset, length);
    }
}
