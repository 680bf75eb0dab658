using System.Buffers;
using System.Text;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Reading the protobuf wire format without parsing a message: fields, varints and skips over a
/// <see cref="ReadOnlySequence{T}"/>, for the checks and the forwarding that must not copy a
/// request's payloads.
/// </summary>
internal static class ProtobufWire
{
    public const int LengthDelimited = 2;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The string in top-level field <paramref name="field"/> (the last one, as the parser would
    /// keep it); "" when absent. Null when it is not valid UTF-8 or the message cannot be walked.
    /// </summary>
    public static string? ReadString(ReadOnlySequence<byte> message, ulong field)
    {
        var reader = new SequenceReader<byte>(message);
        ReadOnlySequence<byte>? found = null;
        while (!reader.End)
        {
            if (!ReadField(ref reader, out var number, out var payload))
            {
                return null;
            }

            if (number == field && payload is not null)
            {
                found = payload;
            }
        }

        return found is { } value ? DecodeUtf8(value) : "";
    }

    /// <summary>The bytes as a string; null when they are not valid UTF-8 (as protobuf requires of strings).</summary>
    public static string? DecodeUtf8(ReadOnlySequence<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The next field; its payload when it is length-delimited and whole. False at the end or at anything unreadable.</summary>
    public static bool ReadField(ref SequenceReader<byte> reader, out ulong field, out ReadOnlySequence<byte>? payload)
    {
        payload = null;
        field = 0;
        if (!reader.TryReadVarint(out var tag))
        {
            return false;
        }

        field = tag >> 3;
        var wireType = (int)(tag & 7);
        if (wireType != LengthDelimited)
        {
            return reader.TrySkip(wireType);
        }

        if (!reader.TryReadVarint(out var length) || length > (ulong)reader.Remaining)
        {
            return false;
        }

        payload = reader.UnreadSequence.Slice(0, (long)length);
        reader.Advance((long)length);
        return true;
    }

    public static bool TryReadVarint(this ref SequenceReader<byte> reader, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Skips a field's value of <paramref name="wireType"/> other than length-delimited; false for groups and what is cut short.</summary>
    public static bool TrySkip(this ref SequenceReader<byte> reader, int wireType)
    {
        switch (wireType)
        {
            case 0:
                return reader.TryReadVarint(out _);
            case 1 when reader.Remaining >= 8:
                reader.Advance(8);
                return true;
            case LengthDelimited when reader.TryReadVarint(out var length) && length <= (ulong)reader.Remaining:
                reader.Advance((long)length);
                return true;
            case 5 when reader.Remaining >= 4:
                reader.Advance(4);
                return true;
            default:
                return false;
        }
    }
}
