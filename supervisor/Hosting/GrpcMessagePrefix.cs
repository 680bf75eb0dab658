using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.IO.Pipelines;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf.Reflection;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// What the public port reads of a call's body before gRPC does, leaving every byte in the body:
/// the 5-byte message header (compressed flag, big-endian length) and, for the session-scoped
/// RPCs, the session id, which every serialiser writes first (field 1).
/// </summary>
internal readonly record struct GrpcMessagePrefix(bool Compressed, long Length)
{
    public const int HeaderBytes = 5;

    /// <summary>Longest session id looked for: this server's ids are 36 characters.</summary>
    private const int MaxPeekedIdBytes = 64;

    /// <summary>The paths of the RPCs whose request names a session in field 1, read from the service's descriptor.</summary>
    private static readonly FrozenSet<string> SessionScopedPaths = CuvisAIService.Descriptor.Methods
        .Where(m => m.InputType.FindFieldByNumber(1) is { Name: "session_id", FieldType: FieldType.String })
        .Select(m => $"/{m.Service.FullName}/{m.Name}")
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsSessionScoped(PathString path) => path.HasValue && SessionScopedPaths.Contains(path.Value!);

    /// <summary>The header of the first message, or null when the body ends (or fails) before it.</summary>
    public static async ValueTask<GrpcMessagePrefix?> PeekHeaderAsync(HttpContext context)
    {
        if (await PeekAsync(context, HeaderBytes) is not { } buffer)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[HeaderBytes];
        buffer.Slice(0, HeaderBytes).CopyTo(bytes);
        return new GrpcMessagePrefix(bytes[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]));
    }

    /// <summary>
    /// The session id an uncompressed message starts with, or null when it does not start with
    /// one this can read (another field first, an over-long id, invalid UTF-8): gRPC then reads
    /// the whole message and the call is answered as any other.
    /// </summary>
    public async ValueTask<string?> PeekSessionIdAsync(HttpContext context)
    {
        if (Compressed || await PeekAsync(context, (int)Math.Min(HeaderBytes + Length, HeaderBytes + 2 + MaxPeekedIdBytes)) is not { } buffer)
        {
            return null;
        }

        var reader = new SequenceReader<byte>(buffer.Slice(HeaderBytes));
        // Tag of field 1, length-delimited; then a one-byte length (ids up to 127 bytes).
        if (!reader.TryRead(out var tag) || tag != 0x0A || !reader.TryRead(out var length) || length > MaxPeekedIdBytes
            || reader.Remaining < length)
        {
            return null;
        }

        return Grpc.ProtobufWire.DecodeUtf8(reader.UnreadSequence.Slice(0, length));
    }

    /// <summary>
    /// At least <paramref name="bytes"/> bytes of the body (fewer only when it ends first; null
    /// when fewer than the header). Nothing is consumed, so gRPC reads them again; examined is only
    /// what was looked at (a reader that loops inside ReadAtLeastAsync, as Kestrel's does, has
    /// already marked its short reads, and this does not undo that).
    /// </summary>
    private static async ValueTask<ReadOnlySequence<byte>?> PeekAsync(HttpContext context, int bytes)
    {
        var body = context.Request.BodyReader;
        ReadResult result;
        try
        {
            result = await body.ReadAtLeastAsync(bytes, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset stream or a failed read: gRPC meets the same failure and reports it.
            return null;
        }

        var buffer = result.Buffer;
        var seen = buffer.Slice(0, Math.Min(bytes, buffer.Length));
        body.AdvanceTo(buffer.Start, seen.End);
        return buffer.Length < HeaderBytes ? null : seen;
    }
}
