using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// An InferenceShared call's two halves in its shared-memory file: the public request the
/// supervisor wrote at offset 0, and the answer written after it.
/// </summary>
internal static class SharedInference
{
    /// <summary>Parses the request (its tensors are copied out, so the mapping ends here).</summary>
    /// <exception cref="UnreadableRequestException">The bytes are not an InferenceRequest, or lie outside the file.</exception>
    public static InferenceRequest ReadRequest(SharedMemoryFile file, long requestLength)
    {
        if (requestLength < 0 || requestLength > int.MaxValue || requestLength > file.Length)
        {
            throw new UnreadableRequestException(
                $"The shared-memory request of {requestLength} bytes does not fit its file of {file.Length} bytes.");
        }

        using var region = file.Map(0, (int)requestLength, writable: false);
        try
        {
            return InferenceRequest.Parser.ParseFrom(region.GetSpan());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UnreadableRequestException(RequestProblems.Unreadable(nameof(InferenceRequest), e.Message));
        }
    }

    /// <summary>Writes <paramref name="response"/> after the request; returns where it lies.</summary>
    /// <exception cref="AnswerTooLargeException">The answer is larger than one message may be.</exception>
    public static (long Offset, int Length) WriteResponse(SharedMemoryFile file, long requestLength, InferenceResponse response, int maxMessageBytes)
    {
        var length = response.CalculateSize();
        if (length > maxMessageBytes)
        {
            throw new AnswerTooLargeException(
                $"The inference answer is {length:N0} bytes, more than the {maxMessageBytes:N0} one message may hold (Server:MaxMessageBytes); "
                + "ask for fewer outputs with output_specs, or send a smaller batch.");
        }

        var offset = SharedMemoryFile.AlignUp(requestLength);
        file.Grow(offset + length);
        using var region = file.Map(offset, length, writable: true, populate: true);
        response.WriteTo(region.GetSpan());
        return (offset, length);
    }
}
