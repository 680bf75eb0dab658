using Cuvis.Sandbox.Contracts;

namespace SpectralSmoothing;

/// <summary>
/// Smooths each pixel's spectrum with a centred moving average: band <c>i</c> of the result is
/// the mean of bands <c>i - window/2</c> to <c>i + window/2</c> of the input, which damps band-to-band
/// noise while keeping the shape of the spectrum.
/// </summary>
/// <remarks>
/// At the ends of the spectrum the window shrinks to the bands that exist (the first band is the
/// mean of bands 0 to <c>window/2</c>), so the output has the input's shape and no invented values.
/// A window of 1 returns a copy of the cube.
/// </remarks>
[InputPort("cube", DType.Float32, -1, -1, -1, -1, Description = "Hyperspectral cube, BHWC.")]
[OutputPort("smoothed", DType.Float32, -1, -1, -1, -1, Description = "The cube with every spectrum smoothed; same shape.")]
public sealed class MovingAverage : Node
{
    // Checking the token costs more than one pixel's work: check every this many pixels.
    private const int PixelsPerCancellationCheck = 4096;

    private readonly int _halfWindow;

    /// <summary>Creates the node.</summary>
    /// <param name="window">Number of bands averaged for each band: odd, so the window has a centre, and 1 or more.</param>
    /// <exception cref="ArgumentException"><paramref name="window"/> is even or less than 1.</exception>
    public MovingAverage(int window = 3)
    {
        if (window < 1 || window % 2 == 0)
        {
            throw new ArgumentException($"window must be an odd number of bands, 1 or more (1, 3, 5, ...); got {window}.", nameof(window));
        }

        _halfWindow = window / 2;
    }

    /// <inheritdoc />
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var bands = (int)cube.Shape[3];
        var result = Tensor.Create<float>(cube.Shape.ToArray());
        var source = cube.AsReadOnlySpan<float>();
        var target = result.AsSpan<float>();
        var pixels = bands == 0 ? 0 : source.Length / bands;
        for (var pixel = 0; pixel < pixels; pixel++)
        {
            if (pixel % PixelsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Smooth(source.Slice(pixel * bands, bands), target.Slice(pixel * bands, bands));
        }

        return new NodeOutputs().Set("smoothed", result);
    }

    private void Smooth(ReadOnlySpan<float> spectrum, Span<float> smoothed)
    {
        for (var band = 0; band < spectrum.Length; band++)
        {
            var first = Math.Max(0, band - _halfWindow);
            var end = Math.Min(spectrum.Length, band + _halfWindow + 1);
            var sum = 0f;
            foreach (var value in spectrum[first..end])
            {
                sum += value;
            }

            smoothed[band] = sum / (end - first);
        }
    }
}
