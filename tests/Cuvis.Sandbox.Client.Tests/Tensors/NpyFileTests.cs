using System.Diagnostics;
using System.Text;
using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Client.Tests.Tensors;

public sealed class NpyFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"client-npy-{Guid.NewGuid():N}.npy");

    [Fact]
    public void Read_UInt16Array_ReadsShapeAndLittleEndianValues()
    {
        var bytes = Npy("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 3), }", [1, 0, 2, 0, 255, 255, 0, 1, 4, 0, 5, 0]);

        var tensor = NpyFile.Read(bytes);

        tensor.DType.Should().Be(DType.UInt16);
        tensor.Shape.Should().Equal(2, 3);
        tensor.ToArray<ushort>().Should().Equal(1, 2, 65535, 256, 4, 5);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }")]
    [InlineData("{'shape': (1,), 'fortran_order': False, 'descr': '<f4'}")]
    [InlineData("{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(1L,)}")]
    [InlineData("{ 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( 1 ) , }")]
    public void Read_HeaderWrittenAnyWayNumPyAccepts_IsRead(string header)
    {
        var tensor = NpyFile.Read(Npy(header, BitConverter.GetBytes(1.5f)));

        tensor.Shape.Should().Equal(1);
        tensor.AsSpan<float>()[0].Should().Be(1.5f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_Version2And3Headers_AreRead(byte major)
    {
        var tensor = NpyFile.Read(Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [7, 9], major));

        tensor.ToArray<byte>().Should().Equal(7, 9);
    }

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void WriteThenRead_EveryDType_RoundTripsBitForBit(DType dtype) => ElementSamples.Run(dtype, new RoundTrip());

    [Fact]
    public void Write_HeaderIsNumPysVersion1_PaddedTo64_ThenTheRawBytes()
    {
        float[] values = [1.5f, -2f, 3.25f, 0f, 7f, 8f];
        using var stream = new MemoryStream();

        NpyFile.Write(stream, TensorData.From(values, 1, 2, 3));

        var bytes = stream.ToArray();
        bytes[..8].Should().Equal(0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0);
        var headerLength = bytes[8] | (bytes[9] << 8);
        ((10 + headerLength) % 64).Should().Be(0);
        Encoding.ASCII.GetString(bytes, 10, headerLength).Should()
            .StartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }").And.EndWith(" \n");
        bytes[(10 + headerLength)..].Should().Equal(TensorData.From(values, 6).Data.ToArray());
    }

    [Theory]
    [InlineData(new long[0], "()")]
    [InlineData(new long[] { 4 }, "(4,)")]
    [InlineData(new long[] { 0, 3 }, "(0, 3)")]
    public void Write_ScalarsVectorsAndEmptyArrays_UsePythonTupleSyntax_AndReadBack(long[] shape, string tuple)
    {
        var tensor = TensorData.From(new int[shape.Aggregate(1L, (a, b) => a * b)], shape);
        using var stream = new MemoryStream();

        NpyFile.Write(stream, tensor);

        Encoding.ASCII.GetString(stream.ToArray()).Should().Contain($"'shape': {tuple}, }}");
        stream.Position = 0;
        NpyFile.Read(stream).Shape.Should().Equal(shape);
    }

    [Theory]
    [InlineData("{'descr': '>u2', 'fortran_order': False, 'shape': (1,), }", 2, "dtype '>u2' (uint16) is big-endian*a.astype('<u2')*")]
    [InlineData("{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", 2, "dtype '<i2' (int16) has no counterpart on the wire*a.astype('<i4')*")]
    [InlineData("{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }", 4, "dtype '<u4' (uint32)*a.astype('<i8')*")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", 8, "dtype '<c8' (complex64)*a.real.astype('<f4')*")]
    [InlineData("{'descr': '|S5', 'fortran_order': False, 'shape': (1,), }", 5, "dtype '|S5'*float32, float64, float16, int32, int64, uint8, uint16 and bool*")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8, "dtype '|O' is not a plain numeric type*")]
    [InlineData("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }", 4, "*structured (record) dtype*")]
    [InlineData("{'descr': '|u1', 'fortran_order': True, 'shape': (1,), }", 1, "*Fortran (column-major) order*numpy.ascontiguousarray(a)*")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", 2, "*uint8 array of shape [3], which needs 3 bytes of data, but the file has 2.*")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", 4, "*needs 3 bytes of data, but the file has 4.*")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (-1,), }", 1, "*where a non-negative integer belongs*")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'extra': 1}", 1, "*the key 'extra'*only 'descr', 'fortran_order' and 'shape'*")]
    [InlineData("{'descr': '|u1', 'shape': (1,), }", 1, "*no 'fortran_order' key*")]
    [InlineData("{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1,)}", 1, "*the key 'descr' twice*")]
    [InlineData("{'descr': '|u1', 'fortran_order': false, 'shape': (1,)}", 1, "*neither True nor False*")]
    [InlineData("{'descr': '|b1', 'fortran_order': False, 'shape': (1,), }", 1, "Bool tensor data must hold only 0 (false) and 1 (true), but byte 0 is 2.")]
    public void Read_FileTheWireCannotCarryOrThatDisagreesWithItself_IsRefusedWithWhatToDo(string header, int dataBytes, string message)
    {
        var data = Enumerable.Repeat((byte)2, dataBytes).ToArray();

        var read = () => NpyFile.Read(Npy(header, data));

        read.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Read_NotAnNpyFile_OrOneCutInsideItsHeader_IsRefused()
    {
        var whole = Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", [1]);

        FluentActions.Invoking(() => NpyFile.Read(new byte[16])).Should().Throw<FormatException>().WithMessage("not a .npy file*");
        FluentActions.Invoking(() => NpyFile.Read(whole.AsMemory(0, 40))).Should().Throw<FormatException>().WithMessage("the file ends inside its header*");
        FluentActions.Invoking(() => NpyFile.Read(new MemoryStream(whole[..40]))).Should().Throw<FormatException>().WithMessage("the file ends inside its header*");
        FluentActions.Invoking(() => NpyFile.Read(new MemoryStream(whole[..5]))).Should().Throw<FormatException>().WithMessage("not a .npy file*");
    }

    [Fact]
    public void ReadStream_MoreBytesAfterTheData_IsRefused()
    {
        var bytes = Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 1, 1]);

        var read = () => NpyFile.Read(new MemoryStream(bytes));

        read.Should().Throw<FormatException>().WithMessage("*needs 2 bytes of data, but the file holds more bytes after that data.*");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadStream_AHeaderClaimingAHugeArray_IsRefusedWithoutAllocatingForIt(bool seekable)
    {
        // 2^28 float32 = 1 GiB claimed, 8 bytes present.
        var bytes = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (268435456,), }", new byte[8]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var read = () => NpyFile.Read(seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes));

        read.Should().Throw<FormatException>().WithMessage("*needs 1073741824 bytes of data, but the file has 8.*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8 << 20, "nothing is allocated for bytes the stream does not hold");
    }

    [Fact]
    public void ReadStream_AHeaderClaimingMoreThanOneTensorHolds_IsRefusedSayingSo()
    {
        var bytes = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1073741824,), }", new byte[8]);

        var read = () => NpyFile.Read(new ForwardOnlyStream(bytes));

        read.Should().Throw<FormatException>().WithMessage("*would need 8589934592 bytes, more than the 2147483647 bytes one tensor*");
    }

    [Fact]
    public void ReadStream_AHeaderLengthPastTheStream_IsTheTruncatedHeader_WithoutAllocatingIt()
    {
        byte[] bytes = [0x93, .. "NUMPY"u8, 2, 0, 0xF0, 0xFF, 0xFF, 0x3F, .. "{'descr'"u8];
        var before = GC.GetAllocatedBytesForCurrentThread();

        var read = () => NpyFile.Read(new ForwardOnlyStream(bytes));

        read.Should().Throw<FormatException>().WithMessage("the file ends inside its header*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8 << 20);
    }

    [Fact]
    public async Task ReadAsync_ABadFile_NamesItsPath()
    {
        await File.WriteAllBytesAsync(_file, Npy("{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", [0, 0]));

        var read = () => NpyFile.ReadAsync(_file);

        (await read.Should().ThrowAsync<FormatException>()).Which.Message.Should().StartWith($"{_file}: dtype '<i2'");
    }

    [Fact]
    public async Task ReadAsync_TheBundledSanDiegoScene_IsA1x100x100x189UInt16Cube()
    {
        var cube = await NpyFile.ReadAsync(RepositoryFiles.PathOf("data", "hsi-anomaly", "sandiego_plane.cube.npy"));
        var truth = await NpyFile.ReadAsync(RepositoryFiles.PathOf("data", "hsi-anomaly", "sandiego_plane.gt.npy"));

        cube.DType.Should().Be(DType.UInt16);
        cube.Shape.Should().Equal(1, 100, 100, 189);
        truth.DType.Should().Be(DType.UInt8);
        truth.Shape.Should().Equal(100, 100);
        truth.ToArray<byte>().Count(label => label != 0).Should().Be(134, "the data set's README counts 134 anomalous pixels");
    }

    [Fact]
    public async Task NumPy_ReadsWhatWeWrite_AndWeReadWhatItWrites()
    {
        File.Exists("/usr/bin/python3").Should().BeTrue("NumPy is the reference for the format (./run.sh test installs python3-numpy)");
        Python("import numpy").ExitCode.Should().Be(0, "NumPy is the reference for the format (./run.sh test installs python3-numpy)");

        await NpyFile.WriteAsync(_file, TensorData.From(new[] { 0.25, -1.0, 3.5, 8.0, 1e-300, 2.0 }, 1, 2, 3));
        var read = Python($"import numpy; a = numpy.load('{_file}'); print(a.dtype, a.shape, repr(float(a[0, 1, 1])))");
        read.Output.Should().Be("float64 (1, 2, 3) 1e-300", read.Error);

        var written = Python($"import numpy; numpy.save('{_file}', numpy.arange(6, dtype='<u2').reshape(2, 3)[:, ::-1].copy())");
        written.ExitCode.Should().Be(0, written.Error);
        var tensor = await NpyFile.ReadAsync(_file);
        tensor.Shape.Should().Equal(2, 3);
        tensor.ToArray<ushort>().Should().Equal(2, 1, 0, 5, 4, 3);
    }

    public void Dispose() => File.Delete(_file);

    /// <summary>A stream that cannot seek or tell its length, like a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A .npy file as NumPy lays it out: magic, version, header length, header padded with spaces to 64 bytes and ended by '\n', data.</summary>
    private static byte[] Npy(string dictionary, byte[] data, byte major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var length = dictionary.Length + 1;
        var padded = dictionary + new string(' ', ((prefix + length + 63) / 64 * 64) - prefix - length) + "\n";
        byte[] lengthField = major == 1
            ? [(byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8)]
            : [(byte)(padded.Length & 0xFF), (byte)(padded.Length >> 8), 0, 0];
        return [0x93, .. "NUMPY"u8, major, 0, .. lengthField, .. Encoding.Latin1.GetBytes(padded), .. data];
    }

    private static (int ExitCode, string Output, string Error) Python(string script)
    {
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = python.StandardOutput.ReadToEnd().Trim();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        return (python.ExitCode, output, error);
    }

    private sealed class RoundTrip : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            using var stream = new MemoryStream();
            NpyFile.Write(stream, TensorData.From(values, ElementSamples.Shape));

            var read = NpyFile.Read(stream.ToArray());

            read.DType.Should().Be(dtype);
            read.Shape.Should().Equal(ElementSamples.Shape);
            read.Data.ToArray().Should().Equal(littleEndian);
        }
    }
}
