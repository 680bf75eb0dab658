using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary><c>UNAVAILABLE</c>: the server could not be reached or is shutting down, or the session's worker died or could not start (the message has its exit code or signal). A crashed worker is replaced, so retrying may succeed.</summary>
public sealed class CuvisUnavailableException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisUnavailableException"/> class.</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisUnavailableException(string message, Exception? innerException = null)
        : base(StatusCode.Unavailable, message, innerException)
    {
    }
}
