using System.Globalization;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Whether a tensor or an output port fits an input port. The declared shape fixes the rank (an
/// empty shape is a scalar, as the contracts document), and -1 matches any size on its axis.
/// </summary>
internal static class PortCompatibility
{
    /// <summary>Returns one clause per way the output port <paramref name="from"/> cannot feed the input port <paramref name="to"/>.</summary>
    public static IEnumerable<string> FindConnectionProblems(
        PortReference from, PortSpec output, PortReference to, PortSpec input, IReadOnlySet<DType> accepted)
    {
        if (!accepted.Contains(output.DType))
        {
            yield return $"dtype mismatch: '{from}' produces {output.DType} but '{to}' accepts {DTypesText(accepted)}";
        }

        if (output.Shape.Count != input.Shape.Count)
        {
            yield return $"rank mismatch: '{from}' has shape {Format(output.Shape)} (rank {output.Shape.Count}) "
                + $"but '{to}' expects {Format(input.Shape)} (rank {input.Shape.Count})";
            yield break;
        }

        for (var axis = 0; axis < output.Shape.Count; axis++)
        {
            if (output.Shape[axis] != -1 && input.Shape[axis] != -1 && output.Shape[axis] != input.Shape[axis])
            {
                yield return $"size mismatch on axis {axis}: '{from}' has shape {Format(output.Shape)} "
                    + $"but '{to}' expects {Format(input.Shape)}";
            }
        }
    }

    /// <summary>Returns why <paramref name="tensor"/> does not fit <paramref name="spec"/>, or <see langword="null"/>.</summary>
    public static string? FindTensorProblem(Tensor tensor, PortSpec spec, IReadOnlySet<DType> accepted)
    {
        if (!accepted.Contains(tensor.DType))
        {
            return $"expected dtype {DTypesText(accepted)}, got {tensor}";
        }

        if (tensor.Rank != spec.Shape.Count)
        {
            return $"expected rank {spec.Shape.Count} (shape {Format(spec.Shape)}), got {tensor}";
        }

        for (var axis = 0; axis < spec.Shape.Count; axis++)
        {
            if (spec.Shape[axis] != -1 && spec.Shape[axis] != tensor.Shape[axis])
            {
                return $"expected shape {Format(spec.Shape)} (size {spec.Shape[axis]} on axis {axis}), got {tensor}";
            }
        }

        return null;
    }

    /// <summary>Formats a port as its dtype and shape, e.g. <c>Float32 [1, -1, -1, -1]</c>.</summary>
    public static string Describe(PortSpec spec) => $"{spec.DType} {Format(spec.Shape)}";

    public static string Format(IReadOnlyList<long> shape) =>
        $"[{string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture)))}]";

    private static string DTypesText(IReadOnlySet<DType> dtypes) =>
        dtypes.Count == 1 ? dtypes.First().ToString() : $"any of {string.Join(", ", dtypes.Order())}";
}
