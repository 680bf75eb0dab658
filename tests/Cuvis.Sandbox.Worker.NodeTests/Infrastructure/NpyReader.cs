using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

/// <summary>
/// Reads NumPy .npy files (format 1.0 to 3.0) into tensors: little-endian uint16 ('&lt;u2'),
/// float32 ('&lt;f4') and uint8 ('|u1'), C order only. Anything else, or a header or size that does
/// not match exactly, is an error rather than a guess.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Tensor Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"{path}: {exception.Message}", exception);
        }
    }

    public static Tensor Parse(byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new FormatException("not a .npy file: the magic string \\x93NUMPY is missing.");
        }

        var major = bytes[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10),
            2 or 3 when bytes.Length >= 12 => ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12),
            _ => throw new FormatException($"unsupported .npy format version {major}.{bytes[7]}."),
        };
        if (headerStart + headerLength > bytes.Length)
        {
            throw new FormatException("the header runs past the end of the file.");
        }

        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes, headerStart, headerLength);
        var match = HeaderPattern().Match(header);
        if (!match.Success)
        {
            throw new FormatException($"unexpected header {header.TrimEnd()}.");
        }

        if (match.Groups["fortran"].Value != "False")
        {
            throw new FormatException("Fortran-order arrays are not supported; save a C-order array.");
        }

        var dtype = match.Groups["descr"].Value switch
        {
            "<u2" => DType.UInt16,
            "<f4" => DType.Float32,
            "|u1" => DType.UInt8,
            var other => throw new FormatException($"dtype '{other}' is not supported; expected '<u2', '<f4' or '|u1'."),
        };
        var shape = ParseShape(match.Groups["shape"].Value);
        var data = bytes.AsMemory(headerStart + headerLength);
        var expected = shape.Aggregate(1L, (product, size) => product * size) * dtype.SizeOf();
        if (data.Length != expected)
        {
            throw new FormatException($"shape ({string.Join(", ", shape)}) of {dtype} needs {expected} bytes of data, the file has {data.Length}.");
        }

        return Tensor.Wrap(dtype, shape, data);
    }

    private static long[] ParseShape(string text)
    {
        // "()" is a scalar, "(5,)" one dimension, "(1, 100, 100, 189)" four.
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 1 && parts[^1].Length == 0)
        {
            parts = parts[..^1];
        }

        if (parts is [""])
        {
            return [];
        }

        return [.. parts.Select(part => long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new FormatException($"shape entry '{part}' is not a non-negative integer."))];
    }

    // NumPy writes exactly this dictionary, keys in this order, padded with spaces to a multiple of 64 bytes and ended by '\n'.
    [GeneratedRegex(@"^\{'descr': '(?<descr>[^']*)', 'fortran_order': (?<fortran>True|False), 'shape': \((?<shape>[0-9, ]*)\), \} *\n$")]
    private static partial Regex HeaderPattern();
}
