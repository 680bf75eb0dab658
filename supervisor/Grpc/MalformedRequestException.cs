namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>A request that is not a valid message, or is past a limit checked before it is parsed; nothing of it is done.</summary>
internal sealed class MalformedRequestException(string message) : SandboxException(message)
{
    /// <summary>The protobuf parser refused the message (<paramref name="problem"/> says why).</summary>
    public static MalformedRequestException Unreadable(string messageType, string problem) =>
        new(Protos.RequestProblems.Unreadable(messageType, problem));
}
