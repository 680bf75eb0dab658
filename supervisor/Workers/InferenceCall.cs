using Cuvis.Sandbox.Protos.SharedMemory;
using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A public Inference request as the supervisor forwards it: parsed, when it is small, or its
/// bytes exactly as the client sent them in a shared-memory file, which the worker parses
/// itself (<see cref="WorkerClient.InferenceAsync"/>). The supervisor reads nothing of a shared
/// request but its checks' counts and the session id. The file is closed when the call ends.
/// </summary>
internal sealed class InferenceCall : IDisposable
{
    private InferenceCall(string sessionId, InferenceRequest? parsed, SharedMemoryFile? file, long length)
    {
        SessionId = sessionId;
        Parsed = parsed;
        File = file;
        Length = length;
    }

    public string SessionId { get; }

    /// <summary>The request, when it was parsed.</summary>
    public InferenceRequest? Parsed { get; }

    /// <summary>The file holding the request's bytes at offset 0, when it was not.</summary>
    public SharedMemoryFile? File { get; }

    /// <summary>The request's length in bytes.</summary>
    public long Length { get; }

    public static InferenceCall Of(InferenceRequest request) => new(request.SessionId, request, null, request.CalculateSize());

    /// <summary>A request whose <paramref name="length"/> bytes were written at the start of <paramref name="file"/>; takes the file.</summary>
    public static InferenceCall Shared(string sessionId, SharedMemoryFile file, long length) => new(sessionId, null, file, length);

    public void Dispose() => File?.Dispose();
}
