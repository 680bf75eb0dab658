using Grpc.Core;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// <c>INVALID_ARGUMENT</c>: the request itself is wrong, such as a manifest that is not a manifest,
/// a pipeline document with problems (the message lists every one), or a tensor that does not fit
/// its input. Sending it again will not help; fixing it will.
/// </summary>
public sealed class CuvisInvalidRequestException : CuvisSandboxException
{
    /// <summary>Initializes a new instance of the <see cref="CuvisInvalidRequestException"/> class.</summary>
    /// <param name="message">The server's message.</param>
    /// <param name="fieldViolations">The field problems the server attached; empty when it attached none.</param>
    /// <param name="innerException">The <see cref="global::Grpc.Core.RpcException"/> the call failed with, if any.</param>
    public CuvisInvalidRequestException(string message, IReadOnlyList<FieldViolation> fieldViolations, Exception? innerException = null)
        : base(StatusCode.InvalidArgument, message, innerException)
    {
        ArgumentNullException.ThrowIfNull(fieldViolations);
        FieldViolations = fieldViolations;
    }

    /// <summary>
    /// Gets the problems by field, from the <c>google.rpc.BadRequest</c> in the call's
    /// <c>grpc-status-details-bin</c> trailer; empty when the server attached none. The server
    /// attaches as many as fit in a trailer; <see cref="Exception.Message"/> has them all.
    /// </summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }
}
