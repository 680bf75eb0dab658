using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary><c>DEADLINE_EXCEEDED</c>: the call ran past its deadline (<see cref="CuvisSandboxClientOptions.CallTimeout"/>) or a limit the server sets for it.</summary>
public sealed class CuvisDeadlineExceededException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisDeadlineExceededException"/> class.</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisDeadlineExceededException(string message, Exception? innerException = null)
        : base(StatusCode.DeadlineExceeded, message, innerException)
    {
    }
}
