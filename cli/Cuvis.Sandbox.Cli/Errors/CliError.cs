using Cuvis.Sandbox.Client;
using Grpc.Core;

namespace Cuvis.Sandbox.Cli.Errors;

/// <summary>
/// What a failed command tells its user: the exit code, a kind for scripts, the message (the
/// server's own, which says what to do), the gRPC status, and the fields the server named. No
/// stack trace: an exception is a message here.
/// </summary>
internal sealed record CliError(int ExitCode, string Kind, string Message, string? Status, IReadOnlyList<FieldViolation> FieldViolations)
{
    /// <summary>The error an exception stands for; <paramref name="server"/> is named when it could not be reached.</summary>
    public static CliError From(Exception exception, string server) => exception switch
    {
        CliException e => new(e.ExitCode, e.Kind, e.Message, null, []),
        OperationCanceledException => new(ExitCodes.Interrupted, "interrupted", "Interrupted; the session was closed.", null, []),
        CuvisInvalidRequestException e => Server(ExitCodes.Refused, "invalid_request", e, e.FieldViolations),
        CuvisUnavailableException e => Server(ExitCodes.Unavailable, "unavailable", e, [], Unreachable(e, server)),
        CuvisDeadlineExceededException e => Server(ExitCodes.Unavailable, "deadline_exceeded", e, [], " Give it longer with --timeout SECONDS."),
        CuvisResourceExhaustedException e => Server(ExitCodes.Unavailable, "resource_exhausted", e),
        CuvisSessionNotFoundException e => Server(ExitCodes.Refused, "session_not_found", e),
        CuvisNotFoundException e => Server(ExitCodes.Refused, "not_found", e),
        CuvisFailedPreconditionException e => Server(ExitCodes.Refused, "failed_precondition", e),
        CuvisSandboxException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied } e =>
            Server(ExitCodes.Refused, "denied", e, [], " Pass a token the server accepts with --token or CUVIS_TOKEN."),
        CuvisSandboxException e => Server(ExitCodes.Refused, "failed", e),
        _ => new(ExitCodes.Internal, "internal", $"cuvis failed unexpectedly: {exception.GetType().Name}: {exception.Message}", null, []),
    };

    private static CliError Server(int exitCode, string kind, CuvisSandboxException e, IReadOnlyList<FieldViolation>? violations = null, string hint = "") =>
        new(exitCode, kind, e.Message + hint, StatusName(e.StatusCode), violations ?? []);

    /// <summary>The status as gRPC names it: <c>INVALID_ARGUMENT</c>, <c>UNAVAILABLE</c>.</summary>
    public static string StatusName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(code.ToString()[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();

    // grpc-dotnet says "Error connecting to subchannel" or names the HttpRequestException; say what to do.
    private static string Unreachable(CuvisUnavailableException e, string server) =>
        e.RpcException?.Status.DebugException is not null || e.Message.Contains("connect", StringComparison.OrdinalIgnoreCase)
            ? $" Is a server running at {server}? Start one with ./run.sh, or point cuvis at yours with --server URL or CUVIS_SERVER."
            : "";
}
