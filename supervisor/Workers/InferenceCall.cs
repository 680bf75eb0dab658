using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Sessions;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A public Inference request as the supervisor forwards it: parsed, when it is small, or its
/// bytes exactly as the client sent them in one of the session's shared-memory arenas, which the
/// worker parses itself (<see cref="WorkerClient.InferenceAsync"/>). The supervisor reads nothing
/// of a shared request but its checks' counts and the session id. When the call ends the arena
/// goes back to the session, or is retired if the worker's answer was not read.
/// </summary>
internal sealed class InferenceCall : IDisposable
{
    private readonly SessionArenas? _owner;
    private bool _answered;
    private int _disposed;

    private InferenceCall(string sessionId, InferenceRequest? parsed, SharedArena? arena, SessionArenas? owner, long length)
    {
        SessionId = sessionId;
        Parsed = parsed;
        Arena = arena;
        _owner = owner;
        Length = length;
    }

    public string SessionId { get; }

    /// <summary>The request, when it was parsed.</summary>
    public InferenceRequest? Parsed { get; }

    /// <summary>The arena holding the request's bytes at offset 0, when it was not.</summary>
    public SharedArena? Arena { get; }

    /// <summary>The request's length in its arena, in bytes (0 when it was parsed).</summary>
    public long Length { get; }

    public static InferenceCall Of(InferenceRequest request) => new(request.SessionId, request, null, null, 0);

    /// <summary>A request whose <paramref name="length"/> bytes were written at the start of <paramref name="arena"/>, rented from <paramref name="owner"/>.</summary>
    public static InferenceCall Shared(string sessionId, SharedArena arena, SessionArenas owner, long length) => new(sessionId, null, arena, owner, length);

    /// <summary>The worker answered and is done with the arena: it may be reused once the answer has been read out.</summary>
    public void MarkAnswered() => _answered = true;

    public void Dispose()
    {
        if (Arena is null || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_answered)
        {
            _owner!.Return(Arena);
        }
        else
        {
            _owner!.Retire(Arena);
        }
    }
}
