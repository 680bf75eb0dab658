using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// <c>UNAUTHENTICATED</c>: the server wants a credential the call did not carry, or did not accept
/// the one it carried. Give the client a token (<see cref="CuvisSandboxClientOptions.AccessTokenProvider"/>)
/// or a client certificate its operator configured.
/// </summary>
public class CuvisUnauthenticatedException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisUnauthenticatedException"/> class.</summary>
    /// <param name="message">What the server wanted.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisUnauthenticatedException(string message, Exception? innerException = null)
        : base(StatusCode.Unauthenticated, message, innerException)
    {
    }
}
