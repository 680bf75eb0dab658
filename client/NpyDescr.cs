namespace Cuvis.Sandbox.Client;

/// <summary>
/// NumPy's type strings (<c>descr</c>: byte order, kind, item size) for the wire's dtypes, and what
/// to tell someone whose file holds another.
/// </summary>
internal static class NpyDescr
{
    private const string Carried = "float32, float64, float16, int32, int64, uint8, uint16 and bool";

    public static string Of(DType dtype) => dtype switch
    {
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        DType.Float16 => "<f2",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.UInt8 => "|u1",
        DType.UInt16 => "<u2",
        DType.Bool => "|b1",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"{(int)dtype} is not a defined {nameof(DType)} (1 to 8)."),
    };

    /// <summary>NumPy's name of the dtype, as users know it: <c>float32</c>, <c>uint16</c>, <c>bool</c>.</summary>
    public static string NumPyName(DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        DType.UInt16 => "uint16",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    /// <summary>The dtype of a type string, or a <see cref="FormatException"/> saying why the wire cannot carry it and what to convert it to.</summary>
    public static DType ToDType(string descr)
    {
        if (descr.Length < 3 || descr[0] is not ('<' or '>' or '|' or '=') || !int.TryParse(descr.AsSpan(2), out var size))
        {
            throw new FormatException($"dtype '{descr}' is not a plain numeric type (strings, dates and objects are not); the wire carries {Carried}.");
        }

        var kind = descr[1];
        DType? dtype = (kind, size) switch
        {
            ('f', 4) => DType.Float32,
            ('f', 8) => DType.Float64,
            ('f', 2) => DType.Float16,
            ('i', 4) => DType.Int32,
            ('i', 8) => DType.Int64,
            ('u', 1) => DType.UInt8,
            ('u', 2) => DType.UInt16,
            ('b', 1) => DType.Bool,
            _ => null,
        };
        if (dtype is not { } known)
        {
            throw new FormatException(
                $"dtype '{descr}' ({Name(kind, size)}) has no counterpart on the wire, which carries {Carried}. "
                + $"Convert it first, for example numpy.save(path, {Instead(kind, size)}).");
        }

        // Byte order: '|' for one-byte types, '<' (or '=' on this little-endian machine) for the others.
        if (descr[0] == '>' && size > 1)
        {
            throw new FormatException(
                $"dtype '{descr}' ({NumPyName(known)}) is big-endian; the wire carries little-endian data only. "
                + $"Convert it first: numpy.save(path, a.astype('{Of(known)}')).");
        }

        return descr[0] != '=' || BitConverter.IsLittleEndian
            ? known
            : throw new FormatException($"dtype '{descr}' is in this big-endian machine's byte order; the wire carries little-endian data only.");
    }

    private static string Name(char kind, int size) => kind switch
    {
        'i' => $"int{size * 8}",
        'u' => $"uint{size * 8}",
        'f' => $"float{size * 8}",
        'c' => $"complex{size * 8}",
        'b' => "bool",
        _ => $"kind '{kind}'",
    };

    private static string Instead(char kind, int size) => (kind, size) switch
    {
        ('i', < 4) => "a.astype('<i4')",
        ('u', 4) => "a.astype('<i8')",
        ('u', 8) => "a.astype('<f8')",
        ('f', > 8) => "a.astype('<f8')",
        ('c', _) => "a.real.astype('<f4')",
        _ => "a.astype('<f4')",
    };
}
