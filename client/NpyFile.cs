namespace Cuvis.Sandbox.Client;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (<c>numpy.save</c>, <c>numpy.load</c>), the format
/// hyperspectral cubes, masks and wavelength tables are exchanged in, as <see cref="TensorData"/>.
/// </summary>
/// <remarks>
/// <para>
/// Strict: a file is read only when it maps exactly onto a tensor the wire can carry. Format
/// versions 1.0, 2.0 and 3.0; C order; the little-endian dtypes <c>&lt;f4</c>, <c>&lt;f8</c>,
/// <c>&lt;f2</c>, <c>&lt;i4</c>, <c>&lt;i8</c>, <c>|u1</c>, <c>&lt;u2</c> and <c>|b1</c>. A
/// Fortran-order array, a big-endian dtype, a dtype the wire has no type for (int16, uint32,
/// complex, strings, records, objects) or data that is not exactly the size the shape needs is a
/// <see cref="FormatException"/> that names the problem and the NumPy call that fixes it.
/// </para>
/// <para>
/// Files are written as NumPy writes them: version 1.0 (2.0 for a header over 64 KiB), the header
/// padded with spaces to a multiple of 64 bytes, then the tensor's bytes.
/// </para>
/// </remarks>
public static class NpyFile
{
    private const int ReadChunkBytes = 1 << 20;

    /// <summary>Reads a whole <c>.npy</c> file.</summary>
    /// <param name="path">The file's path; messages name it.</param>
    /// <param name="cancellationToken">Ends the read early.</param>
    /// <returns>A tensor that owns the file's data.</returns>
    /// <exception cref="FormatException">The file is not a .npy file the wire can carry; the message starts with <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<TensorData> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(bytes);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a <c>.npy</c> file held in memory, without copying its data.</summary>
    /// <param name="bytes">The whole file; the tensor shares the bytes after the header (see <see cref="TensorData"/>'s aliasing rule).</param>
    /// <returns>A tensor over the data part of <paramref name="bytes"/>.</returns>
    /// <exception cref="FormatException">The bytes are not a .npy file the wire can carry.</exception>
    public static TensorData Read(ReadOnlyMemory<byte> bytes)
    {
        var header = NpyHeader.Parse(bytes.Span, out var dataOffset);
        return Wrap(header, bytes[dataOffset..]);
    }

    /// <summary>Reads a <c>.npy</c> file from a stream, up to its end.</summary>
    /// <param name="stream">The stream, at the start of the file; read to its end, not closed.</param>
    /// <returns>A tensor that owns a copy of the data.</returns>
    /// <exception cref="FormatException">The stream does not hold a .npy file the wire can carry, or holds more bytes after its data.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static TensorData Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var major = NpyHeader.Version(ReadUpTo(stream, NpyHeader.MagicAndVersionLength));
        var lengthField = ReadHeaderPart(stream, NpyHeader.LengthFieldSize(major));
        var header = NpyHeader.ParseText(major, ReadHeaderPart(stream, NpyHeader.HeaderLength(major, lengthField)));
        // TensorLayout refused more than one tensor holds (2 GiB), so the length is an int.
        var data = ReadUpTo(stream, (int)header.DataLength);
        if (data.Length < header.DataLength)
        {
            throw new FormatException(header.SizeProblem(data.Length));
        }

        if (stream.ReadByte() >= 0)
        {
            throw new FormatException(header.SizeProblem(null));
        }

        return Wrap(header, data);
    }

    /// <summary>Writes a tensor as a <c>.npy</c> file, replacing any file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensor">The tensor.</param>
    /// <param name="cancellationToken">Ends the write early (the file is then incomplete).</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, TensorData tensor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensor);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(NpyHeader.Format(tensor), cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(tensor.Data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a tensor as a <c>.npy</c> file to a stream.</summary>
    /// <param name="stream">The stream; written from its position, not closed.</param>
    /// <param name="tensor">The tensor.</param>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void Write(Stream stream, TensorData tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensor);
        stream.Write(NpyHeader.Format(tensor));
        stream.Write(tensor.Data.Span);
    }

    private static TensorData Wrap(NpyHeader header, ReadOnlyMemory<byte> data)
    {
        if (data.Length != header.DataLength)
        {
            throw new FormatException(header.SizeProblem(data.Length));
        }

        return TensorData.TryWrap(header.DType, data, header.Shape, out var tensor, out var problem)
            ? tensor
            : throw new FormatException(problem);
    }

    // A header's claims decide what is read, so nothing is allocated for bytes the stream does not
    // hold: a seekable stream is asked how much is left, any other is read a chunk at a time.
    private static byte[] ReadUpTo(Stream stream, int count)
    {
        if (stream.CanSeek)
        {
            count = (int)Math.Min(count, Math.Max(0, stream.Length - stream.Position));
        }
        else if (count > ReadChunkBytes)
        {
            using var chunks = new MemoryStream();
            var chunk = new byte[ReadChunkBytes];
            while (chunks.Length < count && stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - chunks.Length)) is var read and > 0)
            {
                chunks.Write(chunk, 0, read);
            }

            return chunks.ToArray();
        }

        var buffer = new byte[count];
        var filled = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return filled == count ? buffer : buffer[..filled];
    }

    private static byte[] ReadHeaderPart(Stream stream, int count)
    {
        var part = ReadUpTo(stream, count);
        return part.Length == count ? part : throw new FormatException(NpyHeader.TruncatedHeader);
    }
}
