using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// The header of a <c>.npy</c> file: magic <c>\x93NUMPY</c>, version, header length, and a Python
/// dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (1, 100, 100, 189), }</c>.
/// </summary>
/// <remarks>
/// The dict is read as <c>numpy.load</c> reads it (a literal): keys in any order, either quote,
/// any spacing, trailing commas; exactly the three keys, nothing else.
/// </remarks>
internal sealed record NpyHeader(DType DType, long[] Shape, long DataLength)
{
    public const int MagicAndVersionLength = 8;

    public const string TruncatedHeader = "the file ends inside its header; it is cut short or not a .npy file.";

    private const int Alignment = 64;

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The major version from the first 8 bytes: 1, 2 or 3.</summary>
    public static byte Version(ReadOnlySpan<byte> start)
    {
        if (start.Length < MagicAndVersionLength || !start[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("not a .npy file: it does not start with the magic string \\x93NUMPY. Save arrays with numpy.save.");
        }

        return start[6] is >= 1 and <= 3
            ? start[6]
            : throw new FormatException($"unsupported .npy format version {start[6]}.{start[7]}; versions 1.0, 2.0 and 3.0 are read.");
    }

    public static int LengthFieldSize(byte major) => major == 1 ? 2 : 4;

    public static int HeaderLength(byte major, ReadOnlySpan<byte> lengthField)
    {
        var length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField) : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        return length <= int.MaxValue / 2 ? (int)length : throw new FormatException($"the header claims {length} bytes; this is not a .npy file.");
    }

    /// <summary>Parses the header at the start of a whole file.</summary>
    public static NpyHeader Parse(ReadOnlySpan<byte> file, out int dataOffset)
    {
        var major = Version(file);
        var fieldSize = LengthFieldSize(major);
        if (file.Length < MagicAndVersionLength + fieldSize)
        {
            throw new FormatException(TruncatedHeader);
        }

        var length = HeaderLength(major, file.Slice(MagicAndVersionLength, fieldSize));
        dataOffset = MagicAndVersionLength + fieldSize + length;
        return file.Length >= dataOffset
            ? ParseText(major, file[(MagicAndVersionLength + fieldSize)..dataOffset])
            : throw new FormatException(TruncatedHeader);
    }

    /// <summary>Parses the header dict (version 3.0 headers are UTF-8, the others Latin-1).</summary>
    public static NpyHeader ParseText(byte major, ReadOnlySpan<byte> text)
    {
        var dictionary = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(text);
        var (descr, fortranOrder, shape) = new NpyHeaderReader(dictionary).ReadDictionary();
        if (fortranOrder)
        {
            throw new FormatException(
                "the array is stored in Fortran (column-major) order; only C order is read. Save it with numpy.save(path, numpy.ascontiguousarray(a)).");
        }

        var dtype = NpyDescr.ToDType(descr);
        if (!TensorLayout.TryMeasure(dtype, shape, out _, out var bytes, out var problem))
        {
            throw new FormatException(problem);
        }

        return new NpyHeader(dtype, shape, bytes);
    }

    /// <summary>The header NumPy would write for <paramref name="tensor"/>: version 1.0 unless it needs 2.0, padded to 64 bytes.</summary>
    public static byte[] Format(TensorData tensor)
    {
        var shape = tensor.ShapeSpan;
        var dims = new StringBuilder();
        foreach (var dimension in shape)
        {
            dims.Append(dimension.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }

        // Python's tuple syntax: (), (5,), (1, 2, 3).
        var tuple = shape.Length switch { 0 => "()", 1 => $"({dims.ToString().TrimEnd()})", _ => $"({dims.ToString()[..^2]})" };
        var dictionary = $"{{'descr': '{NpyDescr.Of(tensor.DType)}', 'fortran_order': False, 'shape': {tuple}, }}";
        var major = (byte)(MagicAndVersionLength + 2 + dictionary.Length + 1 > ushort.MaxValue ? 2 : 1);
        var prefix = MagicAndVersionLength + LengthFieldSize(major);
        var padded = dictionary.PadRight((((prefix + dictionary.Length + 1 + Alignment - 1) / Alignment) * Alignment) - prefix - 1) + "\n";
        var header = new byte[prefix + padded.Length];
        Magic.CopyTo(header, 0);
        header[6] = major;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(MagicAndVersionLength), (ushort)padded.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(MagicAndVersionLength), (uint)padded.Length);
        }

        Encoding.ASCII.GetBytes(padded, header.AsSpan(prefix));
        return header;
    }

    /// <summary>The message for data of the wrong size: <paramref name="actual"/> bytes, or <see langword="null"/> for more than needed.</summary>
    public string SizeProblem(long? actual) =>
        $"the header describes a {NpyDescr.NumPyName(DType)} array of shape {TensorLayout.Format(Shape)}, which needs {DataLength} bytes of data, "
        + (actual is { } count ? $"but the file has {count}." : "but the file holds more bytes after that data.")
        + " The file is cut short or damaged.";
}
