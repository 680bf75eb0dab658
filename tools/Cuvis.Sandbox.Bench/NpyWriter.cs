using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Cuvis.Sandbox.Bench;

/// <summary>Writes a float32 array as a NumPy .npy file (format 1.0): magic, header dict padded to 64 bytes, raw little-endian data.</summary>
internal static class NpyWriter
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    public static void WriteFloat32(string path, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .npy writer writes this machine's floats as '<f4' and needs a little-endian machine.");
        }

        if (shape.Aggregate(1L, (product, dimension) => product * dimension) != data.Length)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) does not hold {data.Length} values.", nameof(shape));
        }

        var dims = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (shape.Count == 1 ? "," : "");
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // Magic, 2 length bytes, the header and its newline end on a multiple of 64.
        var padded = header.PadRight(((Magic.Length + 2 + header.Length + 1 + 63) / 64 * 64) - Magic.Length - 2 - 1) + "\n";
        using var file = File.Create(path);
        file.Write(Magic);
        file.Write([(byte)(padded.Length & 0xff), (byte)(padded.Length >> 8)]);
        file.Write(Encoding.ASCII.GetBytes(padded));
        file.Write(MemoryMarshal.AsBytes(data));
    }
}
