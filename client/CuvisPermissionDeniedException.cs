using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// <c>PERMISSION_DENIED</c>: the server knows who is calling, and that caller may not do this, such
/// as clearing the plugin cache without being an admin principal.
/// </summary>
public class CuvisPermissionDeniedException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisPermissionDeniedException"/> class.</summary>
    /// <param name="message">What was refused, and why.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisPermissionDeniedException(string message, Exception? innerException = null)
        : base(StatusCode.PermissionDenied, message, innerException)
    {
    }
}
