namespace Cuvis.Sandbox.Contracts;

public sealed partial class Tensor
{
    /// <summary>Creates a <see cref="DType.Float32"/> scalar: rank 0, one element.</summary>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(float value) => ScalarOf(value);

    /// <summary>Creates a <see cref="DType.Float64"/> scalar: rank 0, one element.</summary>
    /// <param name="value">The element.</param>
    /// <returns>A scalar tensor; as a node output, the host also reports it as a metric.</returns>
    public static Tensor Scalar(double value) => ScalarOf(value);

    private static Tensor ScalarOf<T>(T value)
        where T : unmanaged
    {
        var tensor = Create<T>();
        tensor.AsSpan<T>()[0] = value;
        return tensor;
    }
}
