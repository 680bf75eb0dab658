using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary><c>FAILED_PRECONDITION</c>: the session is not in a state for this call, such as inference before a pipeline is loaded, or a session that failed for good. The message says what to do first.</summary>
public sealed class CuvisFailedPreconditionException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisFailedPreconditionException"/> class.</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisFailedPreconditionException(string message, Exception? innerException = null)
        : base(StatusCode.FailedPrecondition, message, innerException)
    {
    }
}
