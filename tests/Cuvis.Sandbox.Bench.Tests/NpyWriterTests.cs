using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Cuvis.Sandbox.Bench.Tests;

public sealed class NpyWriterTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bench-npy-{Guid.NewGuid():N}.npy");

    [Fact]
    public void TheFile_HasAVersion1Header_PaddedTo64_ThenTheRawFloats()
    {
        float[] values = [1.5f, -2f, 3.25f, 0f, 7f, 8f];

        NpyWriter.WriteFloat32(_file, values, [1, 2, 3]);

        var bytes = File.ReadAllBytes(_file);
        bytes[..8].Should().Equal(0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0);
        var headerLength = bytes[8] | (bytes[9] << 8);
        ((10 + headerLength) % 64).Should().Be(0);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        header.Should().StartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }").And.EndWith("\n");
        MemoryMarshal.Cast<byte, float>(bytes.AsSpan(10 + headerLength)).ToArray().Should().Equal(values);
    }

    [Fact]
    public void NumPy_ReadsItBack_WhenInstalled()
    {
        var cube = Cube.Random(1, 3, 4, 5);
        NpyWriter.WriteFloat32(_file, cube.Values, cube.Shape);
        var script = $"import numpy; a = numpy.load('{_file}'); print(a.dtype, a.shape, repr(float(a[0, 2, 3, 4])))";
        ProcessStartInfo start = new("/usr/bin/python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!File.Exists(start.FileName) || Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import numpy"]))!.WaitForExitCode() != 0)
        {
            return; // no NumPy here: the header test above still checks the format
        }

        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();

        output.Should().Be($"float32 (1, 3, 4, 5) {((double)cube.Values[^1]).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
            python.StandardError.ReadToEnd());
    }

    [Fact]
    public void AShapeThatDoesNotHoldTheValues_IsRefused()
    {
        var act = () => NpyWriter.WriteFloat32(_file, new float[5], [2, 3]);

        act.Should().Throw<ArgumentException>().WithMessage("Shape (2, 3) does not hold 5 values.*");
    }

    public void Dispose() => File.Delete(_file);
}

internal static class ProcessExtensions
{
    public static int WaitForExitCode(this Process process)
    {
        using (process)
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
