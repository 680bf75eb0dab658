using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Examples.Tests;

/// <summary>Tiny cubes and the plumbing to run a node on them.</summary>
internal static class CubeSamples
{
    /// <summary>A [1, 1, pixels, bands] cube: one spectrum per row of <paramref name="spectra"/>.</summary>
    public static Tensor Cube(float[][] spectra)
    {
        var bands = spectra[0].Length;
        return Tensor.FromArray(spectra.SelectMany(s => s).ToArray(), 1, 1, spectra.Length, bands);
    }

    public static Tensor Run(Node node, string output, params (string Port, Tensor Tensor)[] inputs)
    {
        var result = node.Forward(new NodeInputs(inputs.ToDictionary(i => i.Port, i => i.Tensor)), CancellationToken.None);
        result.TryGet(output, out var tensor).Should().BeTrue($"the node sets its '{output}' port");
        return tensor!;
    }
}
