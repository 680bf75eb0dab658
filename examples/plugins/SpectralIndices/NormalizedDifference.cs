using Cuvis.Sandbox.Contracts;

namespace SpectralIndices;

/// <summary>
/// The normalized difference of two bands, per pixel: <c>(a - b) / (a + b)</c>, where <c>a</c> is
/// band <c>bandA</c> and <c>b</c> band <c>bandB</c> of the pixel's spectrum. With a near-infrared
/// and a red band this is the NDVI; with green and near-infrared, the NDWI.
/// </summary>
/// <remarks>
/// The result lies in [-1, 1] for non-negative data. A pixel where <c>a + b</c> is zero gets 0
/// rather than NaN or infinity.
/// </remarks>
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[InputPort("wavelengths", DType.Float32, -1, Optional = true,
    Description = "Centre wavelength of each band in nm; when connected, it must have one entry per band of the cube.")]
[OutputPort("index", DType.Float32, -1, -1, -1, 1, Description = "(a - b) / (a + b) per pixel; 0 where a + b is 0.")]
public sealed class NormalizedDifference(int bandA = 0, int bandB = 1) : Node
{
    private readonly BandPair _bands = new(bandA, bandB);

    /// <inheritdoc />
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("index", _bands.Combine(inputs, Of, cancellationToken));

    private static float Of(float a, float b)
    {
        var sum = a + b;
        return sum == 0f ? 0f : (a - b) / sum;
    }
}
