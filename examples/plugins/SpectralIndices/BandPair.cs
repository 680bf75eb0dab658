using Cuvis.Sandbox.Contracts;

namespace SpectralIndices;

/// <summary>
/// The two bands a two-band index reads, and the loop that applies it to every pixel of a BHWC
/// cube. Checks what it can when the node is created, and the rest against each cube.
/// </summary>
internal sealed class BandPair
{
    // Checking the token costs more than one pixel's work: check every this many pixels.
    private const int PixelsPerCancellationCheck = 4096;

    private readonly int _bandA;
    private readonly int _bandB;

    /// <exception cref="ArgumentException">A band is negative, or both name the same band.</exception>
    public BandPair(int bandA, int bandB)
    {
        EnsureNotNegative(bandA, nameof(bandA), "band_a");
        EnsureNotNegative(bandB, nameof(bandB), "band_b");
        if (bandA == bandB)
        {
            throw new ArgumentException(
                $"bandA and bandB (band_a, band_b) are both {bandA}; choose two different bands.", nameof(bandB));
        }

        _bandA = bandA;
        _bandB = bandB;
    }

    /// <summary>Returns a [B, H, W, 1] tensor holding <paramref name="index"/> of each pixel's two bands.</summary>
    /// <exception cref="ArgumentException">A band is beyond the cube's bands, or the wavelengths do not match them.</exception>
    public Tensor Combine(NodeInputs inputs, Func<float, float, float> index, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        var bands = (int)cube.Shape[3];
        EnsureInCube(_bandA, "bandA", "band_a", bands);
        EnsureInCube(_bandB, "bandB", "band_b", bands);
        if (inputs.Optional("wavelengths") is { } wavelengths && wavelengths.ElementCount != bands)
        {
            throw new ArgumentException(
                $"wavelengths has {wavelengths.ElementCount} entries but the cube has {bands} bands; connect the wavelengths of this cube.",
                nameof(inputs));
        }

        var result = Tensor.Create<float>(cube.Shape[0], cube.Shape[1], cube.Shape[2], 1);
        var spectra = cube.AsReadOnlySpan<float>();
        var target = result.AsSpan<float>();
        for (var pixel = 0; pixel < target.Length; pixel++)
        {
            if (pixel % PixelsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var spectrum = spectra.Slice(pixel * bands, bands);
            target[pixel] = index(spectrum[_bandA], spectrum[_bandB]);
        }

        return result;
    }

    private static void EnsureNotNegative(int band, string parameter, string pipelineName)
    {
        if (band < 0)
        {
            throw new ArgumentException(
                $"{parameter} ({pipelineName}) is {band}, but a band index is 0 or more.", parameter);
        }
    }

    private static void EnsureInCube(int band, string parameter, string pipelineName, int bands)
    {
        if (band >= bands)
        {
            throw new ArgumentException(
                $"{parameter} ({pipelineName}) is {band}, but the cube has {bands} bands; use a band index from 0 to {bands - 1}.",
                parameter);
        }
    }
}
