using Cuvis.Sandbox.Cli.Commands;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Running;

/// <summary>
/// Everything <c>cuvis run</c> reads before it calls the server, so a missing or unusable file
/// fails at once (exit code 4), before a session is made.
/// </summary>
internal sealed record RunInputs(
    byte[] Pipeline, TensorData Cube, IReadOnlyList<double>? Wavelengths, InputBatch Batch, PluginManifest? Manifest,
    IReadOnlyDictionary<string, TensorDocument> Documents)
{
    public static async Task<RunInputs> ReadAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var pipeline = await TextFile.ReadBytesAsync(settings.Pipeline, "pipeline", cancellationToken);
        var documents = new Dictionary<string, TensorDocument>(StringComparer.Ordinal);
        async Task<TensorData?> Read(string key, string? path, string what)
        {
            if (path is null)
            {
                return null;
            }

            var tensor = await NpyInput.ReadAsync(path, what, cancellationToken);
            documents[key] = Document(path, tensor);
            return tensor;
        }

        var cube = (await Read("cube", settings.Cube, "cube"))!;
        var wavelengths = await Read("wavelengths", settings.Wavelengths, "wavelengths");
        var mask = await Read("mask", settings.Mask, "mask");
        var extra = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var (name, file) in settings.ExtraInputs)
        {
            extra[name] = (await Read(name, file, $"input '{name}'"))!;
        }

        var manifest = settings.Manifest is null ? null : await ManifestFile.LoadAsync(settings.Manifest, cancellationToken);
        var batch = new InputBatch(cube) { Wavelengths = wavelengths is null ? null : AsFloat32(wavelengths), Mask = mask, ExtraInputs = extra };
        return new RunInputs(pipeline, cube, wavelengths is null ? null : Values(wavelengths), batch, manifest, documents);
    }

    public static TensorDocument Document(string file, TensorData tensor)
    {
        var (min, max) = TensorValues.Range(tensor);
        return new TensorDocument(file, tensor.Shape, Describe.DType(tensor.DType), min, max);
    }

    /// <summary>NumPy makes float64 tables by default, and the wavelengths ports take float32 (or int32): float64 is sent as float32.</summary>
    private static TensorData AsFloat32(TensorData wavelengths) =>
        wavelengths.DType != DType.Float64
            ? wavelengths
            : TensorData.From(wavelengths.AsSpan<double>().ToArray().Select(w => (float)w).ToArray(), [.. wavelengths.Shape]);

    private static double[] Values(TensorData tensor) => [.. Enumerable.Range(0, (int)tensor.ElementCount).Select(i => TensorValues.At(tensor, i))];
}
