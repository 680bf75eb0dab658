using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers.Calls;

/// <summary>
/// A worker's answer frame on the call channel, read as untrusted input: the message on OK, or
/// the status the worker failed the call with, and the trailers either way. Anything that is not
/// a well-formed answer throws <see cref="InvalidDataException"/> or
/// <see cref="Google.Protobuf.InvalidProtocolBufferException"/>, which the channel reports as a
/// broken transport (UNAVAILABLE).
/// </summary>
internal static class CallAnswer
{
    public static (TResponse? Response, Status Status, Metadata Trailers) Read<TRequest, TResponse>(Method<TRequest, TResponse> method, ReceivedFrame answer)
        where TResponse : class
    {
        var header = FramedAnswer.Parser.ParseFrom(answer.Header.Span);
        var trailers = CallMetadata.Read(header.Trailers);
        var code = (StatusCode)header.StatusCode;
        if (code == StatusCode.OK)
        {
            return (method.ResponseMarshaller.ContextualDeserializer(new FramePayload(answer.Payload)), Status.DefaultSuccess, trailers);
        }

        if (answer.Payload.Length != 0)
        {
            throw new InvalidDataException($"The worker failed {method.Name} with {code} and still sent a message.");
        }

        return (null, new Status(Enum.IsDefined(code) ? code : StatusCode.Unknown, header.StatusDetail), trailers);
    }
}
