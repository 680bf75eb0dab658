using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;

internal static class TestTensors
{
    public static Tensor Vector(params float[] values) => Tensor.FromArray(values, values.Length);

    /// <summary>A 1 x height x width x channels cube counting up from <paramref name="start"/>.</summary>
    public static Tensor Cube(int height, int width, int channels, float start = 0f)
    {
        var cube = Tensor.Create<float>(1, height, width, channels);
        var values = cube.AsSpan<float>();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = start + i;
        }

        return cube;
    }

    public static float Scalar(Tensor tensor) => tensor.AsReadOnlySpan<float>()[0];

    public static float[] Values(Tensor tensor) => tensor.AsReadOnlySpan<float>().ToArray();
}
