using Cuvis.Sandbox.Contracts;

namespace SpectralIndices;

/// <summary>
/// The ratio of two bands, per pixel: <c>a / b</c>, where <c>a</c> is band <c>bandA</c> and
/// <c>b</c> band <c>bandB</c> of the pixel's spectrum (a simple ratio index such as NIR / red).
/// </summary>
/// <remarks>A pixel where <c>b</c> is zero gets 0 rather than NaN or infinity.</remarks>
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[InputPort("wavelengths", DType.Float32, -1, Optional = true,
    Description = "Centre wavelength of each band in nm; when connected, it must have one entry per band of the cube.")]
[OutputPort("index", DType.Float32, -1, -1, -1, 1, Description = "a / b per pixel; 0 where b is 0.")]
public sealed class BandRatio(int bandA = 0, int bandB = 1) : Node
{
    private readonly BandPair _bands = new(bandA, bandB);

    /// <inheritdoc />
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("index", _bands.Combine(inputs, Of, cancellationToken));

    private static float Of(float a, float b) => b == 0f ? 0f : a / b;
}
