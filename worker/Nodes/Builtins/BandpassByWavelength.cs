using Cuvis.Sandbox.Contracts;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Keeps the bands whose wavelength lies in [<c>minWavelength</c>, <c>maxWavelength</c>] (both
/// ends included), in their original order, and the matching wavelengths.
/// </summary>
[NodeMetadata(NodeCategory.Transform, NodeTag.Hyperspectral, NodeTag.Preprocessing)]
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[InputPort("wavelengths", DType.Float32, -1, Description = "Centre wavelength of each band of data, in nm.")]
[OutputPort("filtered", DType.Float32, -1, -1, -1, -1, Description = "The cube with only the bands in range, BHWC.")]
[OutputPort("wavelengths", DType.Float32, -1, Description = "The wavelengths of the kept bands.")]
internal sealed class BandpassByWavelength : Node
{
    private const string Name = nameof(BandpassByWavelength);
    private readonly double _minWavelength;
    private readonly double _maxWavelength;

    /// <param name="minWavelength">Shortest wavelength kept, in nm (inclusive).</param>
    /// <param name="maxWavelength">Longest wavelength kept, in nm (inclusive); at least <paramref name="minWavelength"/>.</param>
    public BandpassByWavelength(double minWavelength, double maxWavelength)
    {
        NodeArgument.RequireFinite(Name, nameof(minWavelength), minWavelength);
        NodeArgument.RequireFinite(Name, nameof(maxWavelength), maxWavelength);
        if (maxWavelength < minWavelength)
        {
            throw NodeArgument.Parameter(
                Name, nameof(maxWavelength), $"at least minWavelength ({NodeArgument.Format(minWavelength)})", maxWavelength);
        }

        _minWavelength = minWavelength;
        _maxWavelength = maxWavelength;
    }

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var (data, shape) = BhwcShape.Float32Input(inputs, Name, "data");
        var wavelengths = Wavelengths.Read(inputs, Name, "wavelengths", shape.Channels);
        var kept = KeptBands(wavelengths);

        var filtered = Tensor.Create<float>(shape.WithChannels(kept.Length));
        var source = data.AsReadOnlySpan<float>();
        var target = filtered.AsSpan<float>();
        var pixels = shape.Batch * shape.Pixels;
        for (var p = 0; p < pixels; p++)
        {
            if (p % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var pixel = source.Slice(p * shape.Channels, shape.Channels);
            var output = target.Slice(p * kept.Length, kept.Length);
            for (var k = 0; k < kept.Length; k++)
            {
                output[k] = pixel[kept[k]];
            }
        }

        var keptWavelengths = Tensor.Create<float>(kept.Length);
        for (var k = 0; k < kept.Length; k++)
        {
            keptWavelengths.AsSpan<float>()[k] = wavelengths[kept[k]];
        }

        return new NodeOutputs().Set("filtered", filtered).Set("wavelengths", keptWavelengths);
    }

    private int[] KeptBands(ReadOnlySpan<float> table)
    {
        var kept = new List<int>();
        for (var c = 0; c < table.Length; c++)
        {
            if (table[c] >= _minWavelength && table[c] <= _maxWavelength)
            {
                kept.Add(c);
            }
        }

        if (kept.Count == 0)
        {
            var available = table.IsEmpty
                ? "the cube has no bands"
                : $"the bands span {NodeArgument.Format(TensorPrimitives.Min(table))} to {NodeArgument.Format(TensorPrimitives.Max(table))} nm";
            throw NodeArgument.InputProblem(
                Name,
                "wavelengths",
                $"no band lies in [{NodeArgument.Format(_minWavelength)}, {NodeArgument.Format(_maxWavelength)}] nm (minWavelength, maxWavelength); "
                + $"{available}. Choose a range that overlaps them.");
        }

        return [.. kept];
    }
}
