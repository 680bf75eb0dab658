using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Cuvis.Sandbox.Client.Grpc;

/// <summary>The one place where a failed call's <see cref="RpcException"/> becomes the exception the caller sees.</summary>
internal static class RpcExceptionTranslator
{
    /// <summary>What <paramref name="exception"/> means to the caller.</summary>
    /// <param name="exception">The call's failure.</param>
    /// <param name="sessionId">The session the call was about, or <see langword="null"/> for a server-wide call.</param>
    /// <param name="cancellationToken">The caller's token: a call it cancelled ends in <see cref="OperationCanceledException"/>, as .NET callers expect.</param>
    public static Exception Translate(RpcException exception, string? sessionId, CancellationToken cancellationToken)
    {
        if (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The call was cancelled.", exception, cancellationToken);
        }

        var message = exception.Status.Detail is { Length: > 0 } detail
            ? detail
            : $"The call failed with status {exception.StatusCode} and no message.";
        return exception.StatusCode switch
        {
            // The wire contract fixes this text for every session-scoped call; any other
            // NOT_FOUND there (a plugin the session has not loaded) is about something else.
            StatusCode.NotFound when sessionId is not null && message.StartsWith("Session ", StringComparison.Ordinal) =>
                new CuvisSessionNotFoundException(sessionId, message, exception),
            StatusCode.NotFound => new CuvisNotFoundException(message, exception),
            StatusCode.InvalidArgument => new CuvisInvalidRequestException(message, FieldViolations(exception), exception),
            StatusCode.FailedPrecondition => new CuvisFailedPreconditionException(message, exception),
            StatusCode.Unavailable => new CuvisUnavailableException(message, exception),
            StatusCode.ResourceExhausted => new CuvisResourceExhaustedException(message, exception),
            StatusCode.DeadlineExceeded => new CuvisDeadlineExceededException(message, exception),
            StatusCode.Unauthenticated => new CuvisUnauthenticatedException(message, exception),
            StatusCode.PermissionDenied => new CuvisPermissionDeniedException(message, exception),
            _ => new CuvisSandboxException(exception.StatusCode, message, exception),
        };
    }

    /// <summary>The field violations of the <c>google.rpc.BadRequest</c> details, if the server attached any that can be read.</summary>
    private static FieldViolation[] FieldViolations(RpcException exception)
    {
        try
        {
            var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
            return badRequest is null
                ? []
                : [.. badRequest.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description))];
        }
        catch (InvalidProtocolBufferException)
        {
            // Unreadable details take nothing from the status itself.
            return [];
        }
    }
}
