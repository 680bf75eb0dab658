using System.Text;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

public class NpyReaderTests
{
    [Fact]
    public void Parse_UInt16Array_ReadsShapeAndLittleEndianValues()
    {
        var bytes = Npy("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), }", [1, 0, 2, 0, 255, 255, 0, 1, 4, 0, 5, 0]);

        var tensor = NpyReader.Parse(bytes);

        tensor.DType.Should().Be(DType.UInt16);
        tensor.Shape.ToArray().Should().Equal(2, 3);
        tensor.AsReadOnlySpan<ushort>().ToArray().Should().Equal(1, 2, 65535, 256, 4, 5);
    }

    [Fact]
    public void Parse_OneDimensionalFloat32_ReadsTheTrailingCommaShape()
    {
        var bytes = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", BitConverter.GetBytes(1.5f));

        var tensor = NpyReader.Parse(bytes);

        tensor.Shape.ToArray().Should().Equal(1);
        tensor.AsReadOnlySpan<float>()[0].Should().Be(1.5f);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8, "dtype '<f8' is not supported*")]
    [InlineData("{'descr': '>u2', 'fortran_order': False, 'shape': (1,), }", 2, "dtype '>u2' is not supported*")]
    [InlineData("{'descr': '|u1', 'fortran_order': True, 'shape': (1,), }", 1, "Fortran-order*")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", 2, "shape (3) of UInt8 needs 3 bytes of data, the file has 2.")]
    [InlineData("{'shape': (1,), 'descr': '|u1', 'fortran_order': False, }", 1, "unexpected header*")]
    public void Parse_UnsupportedOrInconsistentFile_Throws(string header, int dataBytes, string message)
    {
        var parse = () => NpyReader.Parse(Npy(header, new byte[dataBytes]));

        parse.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Parse_NoMagic_Throws()
    {
        var parse = () => NpyReader.Parse(new byte[16]);

        parse.Should().Throw<FormatException>().WithMessage("not a .npy file*");
    }

    // Version 1.0: magic, version, little-endian header length, header padded with spaces to a multiple of 64 and ended by '\n'.
    private static byte[] Npy(string dictionary, byte[] data)
    {
        var length = dictionary.Length + 1;
        var padded = dictionary + new string(' ', ((10 + length + 63) / 64 * 64) - 10 - length) + "\n";
        byte[] prefix = [0x93, .. "NUMPY"u8, 1, 0, (byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8)];
        return [.. prefix, .. Encoding.Latin1.GetBytes(padded), .. data];
    }
}
