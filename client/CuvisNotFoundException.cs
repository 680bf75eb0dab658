using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary><c>NOT_FOUND</c>: what the call names does not exist, such as a plugin that is not loaded in the session.</summary>
public class CuvisNotFoundException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisNotFoundException"/> class.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisNotFoundException(string message, Exception? innerException = null)
        : base(StatusCode.NotFound, message, innerException)
    {
    }
}
