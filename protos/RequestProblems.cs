namespace Cuvis.Sandbox.Protos;

/// <summary>
/// Error texts about public requests that both ends may have to write: the supervisor for the
/// requests it parses, the worker for those it parses itself from shared memory.
/// </summary>
public static class RequestProblems
{
    /// <summary>The protobuf parser refused a <paramref name="messageType"/> (<paramref name="problem"/> says why).</summary>
    public static string Unreadable(string messageType, string problem) =>
        $"The {messageType} could not be read as a protobuf message: {problem.TrimEnd()} Send a message serialised from "
        + "protos/cuvis_ai_core.proto; every string in it (session ids, names, keys) must be valid UTF-8.";
}
