namespace Cuvis.Sandbox.Client;

/// <summary>
/// <c>NOT_FOUND</c> on a session's call: the session was closed, expired after being idle, or
/// never existed (a server restart forgets every session). Create a new one.
/// </summary>
public sealed class CuvisSessionNotFoundException : CuvisNotFoundException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisSessionNotFoundException"/> class.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="message">The server's message (<c>Session &lt;id&gt; not found</c>, or after how long idle it expired).</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisSessionNotFoundException(string sessionId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SessionId = sessionId;
    }

    /// <summary>Gets the id of the session that is gone.</summary>
    public string SessionId { get; }
}
