namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>
/// One edit of a valid input, as a fuzzer makes them. Positions and lengths are taken modulo the
/// input, so any generated edit applies to any input and CsCheck can shrink edits freely.
/// </summary>
internal readonly record struct Mutation(MutationKind Kind, uint Position, uint Length, byte[] Bytes)
{
    public byte[] ApplyTo(byte[] input, IReadOnlyList<byte[]> tokens)
    {
        var at = input.Length == 0 ? 0 : (int)(Position % (uint)(input.Length + 1));
        var length = (int)Math.Min(Length, (uint)(input.Length - at));
        return Kind switch
        {
            MutationKind.FlipBit when input.Length > 0 => With(input, at % input.Length, (byte)(input[at % input.Length] ^ (1 << (int)(Length % 8)))),
            MutationKind.SetByte when input.Length > 0 => With(input, at % input.Length, Bytes[0]),
            MutationKind.Truncate => input[..at],
            MutationKind.Delete => [.. input[..at], .. input[(at + length)..]],
            MutationKind.Insert => [.. input[..at], .. Bytes, .. input[at..]],
            MutationKind.InsertToken when tokens.Count > 0 => [.. input[..at], .. tokens[(int)(Length % (uint)tokens.Count)], .. input[at..]],
            MutationKind.Duplicate => [.. input[..(at + length)], .. Repeat(input[at..(at + length)], 1 + (Bytes[0] % 8)), .. input[(at + length)..]],
            _ => input,
        };
    }

    private static byte[] With(byte[] input, int index, byte value)
    {
        var copy = input.ToArray();
        copy[index] = value;
        return copy;
    }

    private static byte[] Repeat(byte[] slice, int times) => [.. Enumerable.Repeat(slice, times).SelectMany(bytes => bytes)];
}
