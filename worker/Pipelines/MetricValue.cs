using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>Reads a rank-0 output as the <see cref="float"/> the wire carries metrics in.</summary>
internal static class MetricValue
{
    public static bool TryRead(Tensor tensor, out float value)
    {
        value = 0f;
        if (!tensor.IsScalar)
        {
            return false;
        }

        value = tensor.DType switch
        {
            DType.Float32 => tensor.AsReadOnlySpan<float>()[0],
            DType.Float64 => (float)tensor.AsReadOnlySpan<double>()[0],
            DType.Int32 => tensor.AsReadOnlySpan<int>()[0],
            DType.Int64 => tensor.AsReadOnlySpan<long>()[0],
            DType.UInt8 => tensor.AsReadOnlySpan<byte>()[0],
            DType.Bool => tensor.AsReadOnlySpan<bool>()[0] ? 1f : 0f,
            DType.Float16 => (float)tensor.AsReadOnlySpan<Half>()[0],
            DType.UInt16 => tensor.AsReadOnlySpan<ushort>()[0],
            _ => float.NaN,
        };
        return true;
    }
}
