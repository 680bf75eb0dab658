using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Running;

/// <summary>Any tensor's elements read as doubles (bool as 0 or 1), for statistics and pictures.</summary>
internal static class TensorValues
{
    public static double At(TensorData tensor, long index)
    {
        var i = checked((int)index);
        return tensor.DType switch
        {
            DType.Float32 => tensor.AsSpan<float>()[i],
            DType.Float64 => tensor.AsSpan<double>()[i],
            DType.Float16 => (double)tensor.AsSpan<Half>()[i],
            DType.Int32 => tensor.AsSpan<int>()[i],
            DType.Int64 => tensor.AsSpan<long>()[i],
            DType.UInt8 => tensor.AsSpan<byte>()[i],
            DType.UInt16 => tensor.AsSpan<ushort>()[i],
            DType.Bool => tensor.AsSpan<bool>()[i] ? 1 : 0,
            _ => double.NaN,
        };
    }

    /// <summary>The smallest and largest finite elements; <see langword="null"/> when there are none.</summary>
    public static (double? Min, double? Max) Range(TensorData tensor)
    {
        double? min = null, max = null;
        for (long i = 0; i < tensor.ElementCount; i++)
        {
            var value = At(tensor, i);
            if (double.IsFinite(value))
            {
                min = min is { } low && low <= value ? low : value;
                max = max is { } high && high >= value ? high : value;
            }
        }

        return (min, max);
    }

    public static bool IsFloat(DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Float16;

    public static bool IsMask(DType dtype) => dtype is DType.Bool or DType.UInt8;
}
