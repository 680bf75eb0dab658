using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>The wavelength table that travels beside a cube: one centre wavelength per band, in nanometres.</summary>
internal static class Wavelengths
{
    /// <summary>
    /// Reads a required Float32 [C] wavelengths input and checks it has one finite entry per band
    /// of a cube with <paramref name="channels"/> bands.
    /// </summary>
    public static ReadOnlySpan<float> Read(NodeInputs inputs, string node, string port, int channels)
    {
        var tensor = NodeArgument.Float32(inputs, node, port, rank: 1, "[C] wavelength");
        if (tensor.Shape[0] != channels)
        {
            throw NodeArgument.Input(node, port, $"one wavelength per band of the cube ({channels})", $"{tensor.Shape[0]} wavelengths");
        }

        var values = tensor.AsReadOnlySpan<float>();
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw NodeArgument.Input(node, port, "finite wavelengths", $"{values[i]} at band {i}");
            }
        }

        return values;
    }

    /// <summary>Returns the band whose wavelength is nearest <paramref name="target"/>; on a tie, the lower band.</summary>
    public static int Nearest(ReadOnlySpan<float> wavelengths, double target)
    {
        var best = 0;
        for (var i = 1; i < wavelengths.Length; i++)
        {
            if (Math.Abs(wavelengths[i] - target) < Math.Abs(wavelengths[best] - target))
            {
                best = i;
            }
        }

        return best;
    }
}
