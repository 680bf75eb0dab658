using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// Admits a gRPC call only when its message fits in the <see cref="RequestBytesBudget"/>, and
/// holds the bytes until the call ends. grpc-dotnet buffers a whole message before it parses it
/// (and the supervisor then copies it toward the worker), so the budget must be taken before
/// that: this reads the 5-byte gRPC message header (compressed flag, big-endian length) and
/// leaves it in the body for gRPC to read again. A message counts as its declared length, or as
/// <see cref="ServerOptions.MaxMessageBytes"/> when it is compressed.
/// </summary>
internal sealed partial class RequestBytesBudgetMiddleware(
    RequestDelegate next,
    RequestBytesBudget budget,
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

    private const int HeaderBytes = 5;
    private const double MiB = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var maxMessageBytes = options.Value.MaxMessageBytes;
        if (!IsGrpc(context.Request.ContentType) || await PeekHeaderAsync(context) is not { } header || header.Length > maxMessageBytes)
        {
            // Short or empty bodies and over-long messages are gRPC's to refuse, with its own
            // status; it reads no more than the header of an over-long one.
            await next(context);
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

    /// <summary>The header of the first message, or null when the body ends (or fails) before it.</summary>
    private static async ValueTask<MessageHeader?> PeekHeaderAsync(HttpContext context)
    {
        var body = context.Request.BodyReader;
        ReadResult result;
        try
        {
            result = await body.ReadAtLeastAsync(HeaderBytes, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset stream or a failed read: gRPC meets the same failure and reports it.
            return null;
        }

        var buffer = result.Buffer;
        if (buffer.Length < HeaderBytes)
        {
            body.AdvanceTo(buffer.Start, buffer.End);
            return null;
        }

        var headerBytes = buffer.Slice(0, HeaderBytes);
        var header = MessageHeader.Read(headerBytes);
        // Nothing consumed, so gRPC reads the header again. Examined: the header, which is what
        // was looked at; a reader that loops inside ReadAtLeastAsync (Kestrel's does) has
        // already marked the short reads before it examined, and this does not undo that.
        body.AdvanceTo(buffer.Start, headerBytes.End);
        return header;
    }

    /// <summary>gRPC's message prefix: a compressed flag, then the length on the wire, big-endian.</summary>
    private readonly record struct MessageHeader(bool Compressed, long Length)
    {
        public static MessageHeader Read(ReadOnlySequence<byte> header)
        {
            Span<byte> bytes = stackalloc byte[HeaderBytes];
            header.CopyTo(bytes);
            return new MessageHeader(bytes[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2210, LogLevel.Warning, "Refused {Path}: its message, counted at {RequestBytes} bytes (compressed: {Compressed}), does not fit beside {InFlightBytes} bytes in flight (Server:MaxInFlightRequestBytes = {BudgetBytes})")]
        public static partial void Refused(ILogger logger, string path, long requestBytes, bool compressed, long inFlightBytes, long budgetBytes);
    }
}
