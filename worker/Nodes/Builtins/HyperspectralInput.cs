using Cuvis.Sandbox.Contracts;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The entry node of a hyperspectral pipeline (cuvis-ai's data node): takes the cube as a camera
/// or file delivers it and hands on a Float32 BHWC cube, with the optional mask and wavelength
/// table passed beside it.
/// </summary>
/// <remarks>
/// A port declares one dtype, so <c>cube</c> is declared Float32 and also accepts UInt16 raw
/// counts (<see cref="IAcceptsDTypes"/>), converted exactly; a Float32 cube is passed on as the same
/// tensor, not copied. Every output is always produced, as the node contract promises: without a
/// mask input the mask is all false (nothing marked), without wavelengths the table is empty, so
/// a node that needs wavelengths says so by name.
/// </remarks>
[NodeMetadata(NodeCategory.Source, NodeTag.Hyperspectral, NodeTag.Image, NodeTag.Mask)]
[InputPort("cube", DType.Float32, -1, -1, -1, -1,
    Description = "Hyperspectral cube, BHWC (batch, height, width, bands). Float32, or UInt16 raw counts converted to Float32.")]
[InputPort("mask", DType.Bool, -1, -1, -1, Optional = true,
    Description = "Per-pixel mask, BHW (true = marked, e.g. anomalous). Bool, or UInt8 where non-zero is true.")]
[InputPort("wavelengths", DType.Float32, -1, Optional = true,
    Description = "Centre wavelength of each band in nm, one per band. Float32, or Int32 converted to Float32.")]
[OutputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "The cube as Float32, BHWC.")]
[OutputPort("mask", DType.Bool, -1, -1, -1, 1,
    Description = "The mask as Bool, BHWC with one channel; all false when no mask is given.")]
[OutputPort("wavelengths", DType.Float32, -1,
    Description = "The wavelengths as Float32; empty when none are given.")]
internal sealed class HyperspectralInput : Node, IAcceptsDTypes
{
    private const string Name = nameof(HyperspectralInput);

    private static readonly Dictionary<string, IReadOnlySet<DType>> Accepted = new(StringComparer.Ordinal)
    {
        ["cube"] = new HashSet<DType> { DType.Float32, DType.UInt16 },
        ["mask"] = new HashSet<DType> { DType.Bool, DType.UInt8 },
        ["wavelengths"] = new HashSet<DType> { DType.Float32, DType.Int32 },
    };

    public IReadOnlySet<DType> AcceptedInputDTypes(string port) =>
        Accepted.GetValueOrDefault(port) ?? new HashSet<DType>();

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var cube = inputs.Contains("cube") ? inputs.Required("cube") : throw NodeArgument.Input(Name, "cube", "a BHWC cube", "no tensor");
        if (cube.Rank != 4 || cube.DType is not (DType.Float32 or DType.UInt16))
        {
            throw NodeArgument.Input(Name, "cube", "a Float32 or UInt16 BHWC tensor (rank 4)", cube.ToString());
        }

        var shape = BhwcShape.Of(cube);
        return new NodeOutputs()
            .Set("cube", ToFloat32(cube))
            .Set("mask", inputs.Optional("mask") is { } mask
                ? ToBoolMask(mask, shape)
                : Tensor.Create<bool>(shape.Batch, shape.Height, shape.Width, 1))
            .Set("wavelengths", inputs.Optional("wavelengths") is { } wavelengths
                ? ToFloat32Wavelengths(wavelengths, shape.Channels)
                : Tensor.Create<float>(0));
    }

    private static Tensor ToFloat32(Tensor cube)
    {
        if (cube.DType == DType.Float32)
        {
            return cube;
        }

        var result = Tensor.Create<float>(cube.Shape.ToArray());
        // Every ushort is exactly representable as a float, so the conversion loses nothing.
        TensorPrimitives.ConvertChecked<ushort, float>(cube.AsReadOnlySpan<ushort>(), result.AsSpan<float>());
        return result;
    }

    private static Tensor ToBoolMask(Tensor mask, BhwcShape cube)
    {
        long[] expected = [cube.Batch, cube.Height, cube.Width];
        if (mask.DType is not (DType.Bool or DType.UInt8) || !mask.Shape.SequenceEqual(expected))
        {
            throw NodeArgument.Input(
                Name, "mask", $"a Bool or UInt8 tensor of the cube's batch, height and width [{string.Join(", ", expected)}]", mask.ToString());
        }

        // A copy, so the output does not alias an input the host may hand to other nodes.
        var result = Tensor.Create<bool>(cube.Batch, cube.Height, cube.Width, 1);
        var source = mask.Data.Span;
        var target = result.AsSpan<bool>();
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] != 0;
        }

        return result;
    }

    private static Tensor ToFloat32Wavelengths(Tensor wavelengths, int channels)
    {
        if (wavelengths.DType is not (DType.Float32 or DType.Int32) || wavelengths.Rank != 1 || wavelengths.Shape[0] != channels)
        {
            throw NodeArgument.Input(
                Name, "wavelengths", $"a Float32 or Int32 tensor with one wavelength per band [{channels}]", wavelengths.ToString());
        }

        var result = Tensor.Create<float>(channels);
        if (wavelengths.DType == DType.Int32)
        {
            TensorPrimitives.ConvertChecked<int, float>(wavelengths.AsReadOnlySpan<int>(), result.AsSpan<float>());
        }
        else
        {
            wavelengths.AsReadOnlySpan<float>().CopyTo(result.AsSpan<float>());
        }

        return result;
    }
}
