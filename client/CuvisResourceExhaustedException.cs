using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary><c>RESOURCE_EXHAUSTED</c>: a server limit was reached, such as the number of sessions or a message's size. Close sessions, send less, or ask the operator to raise the limit.</summary>
public sealed class CuvisResourceExhaustedException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisResourceExhaustedException"/> class.</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisResourceExhaustedException(string message, Exception? innerException = null)
        : base(StatusCode.ResourceExhausted, message, innerException)
    {
    }
}
