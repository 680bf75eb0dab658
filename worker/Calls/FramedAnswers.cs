using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Worker.Calls;

/// <summary>The answer frames of the call channel: a message with its trailers, or a status without one.</summary>
internal static class FramedAnswers
{
    public static CallFrame Ok<TResponse>(Marshaller<TResponse> marshaller, TResponse response, Metadata trailers)
    {
        var frame = new CallFrame(Header(Status.DefaultSuccess, trailers));
        try
        {
            frame.WritePayload(marshaller, response);
            return frame;
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    public static CallFrame Failed(Status status, Metadata? trailers) => new(Header(status, trailers));

    private static FramedAnswer Header(Status status, Metadata? trailers)
    {
        var header = new FramedAnswer { StatusCode = (int)status.StatusCode, StatusDetail = status.Detail ?? "" };
        CallMetadata.Write(trailers, header.Trailers);
        return header;
    }
}
