using Cuvis.Sandbox.Contracts;

namespace SpectralSmoothing;

/// <summary>
/// The first derivative of each pixel's spectrum, as the difference of neighbouring bands: band
/// <c>i</c> of the result is band <c>i + 1</c> minus band <c>i</c> of the input, so the result has
/// one band fewer. Peaks and edges of the spectrum (a red edge, an absorption feature) show as
/// sign changes and extremes.
/// </summary>
/// <remarks>The difference is per band, not per nanometre: divide by the band spacing if you need the slope.</remarks>
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC, with at least 2 bands.")]
[OutputPort("derivative", DType.Float32, -1, -1, -1, -1, Description = "band[i + 1] - band[i] per pixel; one band fewer than the cube.")]
public sealed class SpectralDerivative : Node
{
    // Checking the token costs more than one pixel's work: check every this many pixels.
    private const int PixelsPerCancellationCheck = 4096;

    /// <inheritdoc />
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var bands = (int)cube.Shape[3];
        if (bands < 2)
        {
            throw new ArgumentException($"SpectralDerivative needs a cube with at least 2 bands; this one has {bands}.", nameof(inputs));
        }

        var result = Tensor.Create<float>(cube.Shape[0], cube.Shape[1], cube.Shape[2], bands - 1);
        var source = cube.AsReadOnlySpan<float>();
        var target = result.AsSpan<float>();
        var pixels = source.Length / bands;
        for (var pixel = 0; pixel < pixels; pixel++)
        {
            if (pixel % PixelsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var spectrum = source.Slice(pixel * bands, bands);
            var derivative = target.Slice(pixel * (bands - 1), bands - 1);
            for (var band = 0; band < derivative.Length; band++)
            {
                derivative[band] = spectrum[band + 1] - spectrum[band];
            }
        }

        return new NodeOutputs().Set("derivative", result);
    }
}
