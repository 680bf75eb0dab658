using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// A call the server refused or could not complete. The derived types name the cases a caller
/// handles differently; a status they do not cover (<c>INTERNAL</c> when a node throws during
/// inference, <c>PERMISSION_DENIED</c>, ...) is this type itself, with its <see cref="StatusCode"/>.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> is the server's own message, which says what to do next.
/// <see cref="Exception.InnerException"/> is the <see cref="global::Grpc.Core.RpcException"/> the call
/// failed with, for its trailers.
/// </remarks>
public class CuvisSandboxException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CuvisSandboxException"/> class.</summary>
    /// <param name="statusCode">The call's gRPC status code.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisSandboxException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the call's gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>Gets the <see cref="global::Grpc.Core.RpcException"/> the call failed with (the <see cref="Exception.InnerException"/>), or <see langword="null"/> when the client found the problem itself.</summary>
    public RpcException? RpcException => InnerException as RpcException;
}
