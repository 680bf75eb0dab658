using System.Text;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// Protocol-buffer bytes written by hand, for messages no serialiser would produce: invalid
/// UTF-8 in a string field, unknown field numbers, lengths that lie.
/// </summary>
internal static class ProtobufWire
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>A length-delimited field: tag, length, payload.</summary>
    public static byte[] Field(int number, ReadOnlySpan<byte> payload) =>
        [.. Varint((ulong)(number << 3 | 2)), .. Varint((ulong)payload.Length), .. payload];

    public static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    /// <summary>A varint field.</summary>
    public static byte[] VarintField(int number, ulong value) => [.. Varint((ulong)(number << 3)), .. Varint(value)];

    /// <summary>gRPC's length prefix (uncompressed flag, big-endian length) before <paramref name="message"/>, declaring <paramref name="declaredLength"/> when given.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message, long? declaredLength = null, bool compressed = false)
    {
        var length = (uint)(declaredLength ?? message.Length);
        return [compressed ? (byte)1 : (byte)0, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. message];
    }
}
