namespace Cuvis.Sandbox.Client;

/// <summary>
/// The tensors one inference call feeds a pipeline (<c>cuvis_ai.v1.InputBatch</c>). Each key is a
/// port name, as in cuvis-ai: <c>cube</c>, <c>wavelengths</c>, <c>mask</c> and every key of
/// <see cref="ExtraInputs"/> feed every unconnected input port of that name.
/// </summary>
public sealed record InputBatch
{
    /// <summary>Initializes a new instance of the <see cref="InputBatch"/> class with no tensors; set them with an object initializer.</summary>
    public InputBatch()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputBatch"/> class with a cube.</summary>
    /// <param name="cube">The hyperspectral cube, BHWC (batch, height, width, bands).</param>
    public InputBatch(TensorData cube)
    {
        ArgumentNullException.ThrowIfNull(cube);
        Cube = cube;
    }

    /// <summary>Gets the hyperspectral cube, BHWC: Float32, or UInt16 raw counts for the builtin <c>HyperspectralInput</c>.</summary>
    public TensorData? Cube { get; init; }

    /// <summary>Gets the centre wavelength of each band, in nm.</summary>
    public TensorData? Wavelengths { get; init; }

    /// <summary>Gets the per-pixel mask, BHW.</summary>
    public TensorData? Mask { get; init; }

    /// <summary>Gets further inputs by port name. Empty by default.</summary>
    public IReadOnlyDictionary<string, TensorData> ExtraInputs { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, TensorData>.Empty;
}
