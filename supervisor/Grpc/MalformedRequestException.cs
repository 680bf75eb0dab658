namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>A request that is not a valid message, or is past a limit checked before it is parsed; nothing of it is done.</summary>
internal sealed class MalformedRequestException(string message) : SandboxException(message)
{
    /// <summary>The protobuf parser refused the message (<paramref name="problem"/> says why).</summary>
    public static MalformedRequestException Unreadable(string messageType, string problem) => new(
        $"The {messageType} could not be read as a protobuf message: {problem.TrimEnd()} Send a message serialised from "
        + "protos/cuvis_ai_core.proto; every string in it (session ids, names, keys) must be valid UTF-8.");
}
