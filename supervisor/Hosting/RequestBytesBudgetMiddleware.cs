using System.Globalization;
using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Grpc;
using Cuvis.Sandbox.Supervisor.Sessions;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// Admits a gRPC call only when its message fits in the <see cref="RequestBytesBudget"/>, and
/// holds the bytes until the call ends. grpc-dotnet buffers a whole message before it parses it
/// (and the supervisor then copies it toward the worker), so the budget must be taken before
/// that: this reads the 5-byte gRPC message header (compressed flag, big-endian length) and
/// leaves it in the body for gRPC to read again (<see cref="GrpcMessagePrefix"/>). A message
/// counts as its declared length, or as <see cref="ServerOptions.MaxMessageBytes"/> when it is
/// compressed. Refused unread as well: a message declaring more than
/// <see cref="ServerOptions.MaxMessageBytes"/>, and a large one for a session that does not exist.
/// </summary>
internal sealed partial class RequestBytesBudgetMiddleware(
    RequestDelegate next,
    RequestBytesBudget budget,
    ISessionLookup sessions,
    IOptions<ServerOptions> options,
    ILogger<RequestBytesBudgetMiddleware> logger)
{
    /// <summary>
    /// Requests declaring fewer bytes are admitted without counting, so session and pipeline calls
    /// never wait behind cubes. What they can hold is small beside what Kestrel already buffers
    /// per connection before any middleware runs (100 streams x 64 KiB = 6.25 MiB, against a
    /// 16 MiB connection window).
    /// </summary>
    public const int SmallRequestBytes = 64 * 1024;

    private const double MiB = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var maxMessageBytes = options.Value.MaxMessageBytes;
        if (!IsGrpc(context.Request.ContentType) || await GrpcMessagePrefix.PeekHeaderAsync(context) is not { } header)
        {
            // Short or empty bodies are gRPC's to refuse, with its own status.
            await next(context);
            return;
        }

        if (header.Length > maxMessageBytes)
        {
            // gRPC would refuse it too, but past 2 GiB only as an unexplained UNKNOWN.
            await RefuseAsync(context, new MessageTooLargeException(header.Length, maxMessageBytes));
            return;
        }

        // gRPC inflates a compressed message up to Server:MaxMessageBytes whatever its length on
        // the wire, so that is what it may cost; counted by its wire length, a few kilobytes of
        // zeros would pass as small.
        var cost = header.Compressed ? maxMessageBytes : header.Length;
        if (cost < SmallRequestBytes)
        {
            await next(context);
            return;
        }

        // A large call for a session that does not exist is answered before its body is read:
        // it costs neither the budget nor the time to receive it.
        if (GrpcMessagePrefix.IsSessionScoped(context.Request.Path) && await header.PeekSessionIdAsync(context) is { } sessionId
            && sessions.FindProblem(sessionId, context.GetCaller()) is { } problem)
        {
            Log.UnknownSession(logger, context.Request.Path.ToString(), SessionId.ForDisplay(sessionId), cost);
            await RefuseAsync(context, problem);
            return;
        }

        if (!budget.TryReserve(cost, out var reservation))
        {
            var inFlight = budget.InFlight;
            Log.Refused(logger, context.Request.Path.ToString(), cost, header.Compressed, inFlight, budget.Limit);
            var message = RefusalMessage(cost, header.Compressed, inFlight, budget.Limit);
            await TrailersOnlyResponse.WriteAsync(context.Response, StatusCode.ResourceExhausted, message);
            return;
        }

        using (reservation)
        {
            await next(context);
        }
    }

    public static string RefusalMessage(long cost, bool compressed, long inFlight, long limit)
    {
        var request = compressed
            ? $"this compressed request, counted at Server:MaxMessageBytes ({Mib(cost)} MiB) since it may inflate to that, "
              + "was refused before it was read. Retry later or send it uncompressed."
            : $"this {Mib(cost)} MiB request was refused before it was read. Retry later or send smaller requests.";
        return $"The server is already handling {Mib(inFlight)} MiB of requests (Server:MaxInFlightRequestBytes = {Mib(limit)} MiB); {request}";
    }

    private static string Mib(long bytes) => (bytes / MiB).ToString("0.#", CultureInfo.InvariantCulture);

    // application/grpc, application/grpc+proto, application/grpc;charset=...; not grpc-web,
    // whose text form is base64 and has no readable header.
    private static bool IsGrpc(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(TrailersOnlyResponse.GrpcContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == TrailersOnlyResponse.GrpcContentType.Length
            || contentType[TrailersOnlyResponse.GrpcContentType.Length] is '+' or ';');

    private static Task RefuseAsync(HttpContext context, SandboxException problem) =>
        TrailersOnlyResponse.WriteAsync(context.Response, DomainExceptionInterceptor.ToStatusCode(problem), problem.Message);

    private static partial class Log
    {
        [LoggerMessage(2210, LogLevel.Warning, "Refused {Path}: its message, counted at {RequestBytes} bytes (compressed: {Compressed}), does not fit beside {InFlightBytes} bytes in flight (Server:MaxInFlightRequestBytes = {BudgetBytes})")]
        public static partial void Refused(ILogger logger, string path, long requestBytes, bool compressed, long inFlightBytes, long budgetBytes);

        [LoggerMessage(2211, LogLevel.Information, "Refused {Path} for session {SessionId} before reading its {RequestBytes} bytes: no such session")]
        public static partial void UnknownSession(ILogger logger, string path, string sessionId, long requestBytes);
    }
}
