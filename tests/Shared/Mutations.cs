using System.Text;
using CsCheck;

namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>Generators of malformed inputs: valid ones edited as a fuzzer edits them, and plain random bytes.</summary>
internal static class Mutations
{
    /// <summary>Bytes that break parsers more often than random ones: NUL, invalid and truncated UTF-8, extremes.</summary>
    private static readonly Gen<byte> NastyByte = Gen.OneOf(
        Gen.Byte,
        Gen.OneOf<byte>(0x00, 0xFF, 0x80, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0x7F, (byte)'\n', (byte)'"', (byte)'\\'));

    private static readonly Gen<Mutation> Edit =
        Gen.Select(Gen.Enum<MutationKind>(), Gen.UInt, Gen.UInt[0, 64], NastyByte.Array[1, 8],
            (kind, position, length, bytes) => new Mutation(kind, position, length, bytes));

    /// <summary>A valid input from <paramref name="valid"/> after one to six edits, some inserting <paramref name="tokens"/> of the format.</summary>
    public static Gen<byte[]> Of(Gen<byte[]> valid, params string[] tokens) => Of(valid, [.. tokens.Select(Encoding.UTF8.GetBytes)]);

    /// <summary>As <see cref="Of(Gen{byte[]}, string[])"/>, for a binary format's tokens.</summary>
    public static Gen<byte[]> Of(Gen<byte[]> valid, byte[][] tokens) =>
        Gen.Select(valid, Edit.Array[1, 6], (input, edits) => edits.Aggregate(input, (bytes, edit) => edit.ApplyTo(bytes, tokens)));

    /// <summary>Random bytes, mostly short, some with the format's tokens spliced in.</summary>
    public static Gen<byte[]> RandomBytes(params string[] tokens) =>
        Of(NastyByte.Array[0, 256], tokens);

    /// <summary>As <see cref="RandomBytes(string[])"/>, for a binary format's tokens.</summary>
    public static Gen<byte[]> RandomBytes(byte[][] tokens) =>
        Of(NastyByte.Array[0, 256], tokens);

    /// <summary>Shows an input in a failure: as text with escapes where it is mostly text, and as Base64 to paste.</summary>
    public static string Print(byte[] input) =>
        $"{input.Length} bytes \"{Escape(input)}\" (base64 {Convert.ToBase64String(input)})";

    private static string Escape(byte[] input)
    {
        var text = new StringBuilder();
        foreach (var b in input.Take(2000))
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return input.Length > 2000 ? text.Append("...").ToString() : text.ToString();
    }
}
