using System.Text.Json;

namespace Cuvis.Sandbox.Bench;

/// <summary>NumPy's times for the same math on the same cube, or why there are none.</summary>
/// <param name="MinMax">MinMax normalisation times, when measured.</param>
/// <param name="Rx">RX times, when measured.</param>
/// <param name="Unavailable">Why there is no baseline (then both are null).</param>
internal sealed record NumpyTimes(Samples? MinMax, Samples? Rx, string? Unavailable)
{
    public const string ScriptPath = "tools/bench/kernels.py";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Writes the cube as .npy and runs <c>tools/bench/kernels.py --cube file.npy</c> with Debian's
    /// python3 (NumPy on OpenBLAS), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that command only.
    /// </summary>
    public static async Task<NumpyTimes> MeasureAsync(BenchSettings settings, Cube cube)
    {
        var script = Path.Combine(settings.RepositoryRoot, ScriptPath);
        if (!File.Exists(script))
        {
            return new NumpyTimes(null, null, $"baseline unavailable: {ScriptPath} missing");
        }

        var file = Path.Combine(settings.WorkDirectory, "kernels-cube.npy");
        await Client.NpyFile.WriteAsync(file, cube.ToTensorData());
        ChildResult result;
        try
        {
            result = await ChildProcess.RunAsync(settings.Python, [script, "--cube", file], settings.RepositoryRoot, Timeout,
                new Dictionary<string, string?> { ["OPENBLAS_CORETYPE"] = null, ["OPENBLAS_L2_SIZE"] = null });
        }
        catch (Exception exception) when (exception is TimeoutException or System.ComponentModel.Win32Exception)
        {
            return new NumpyTimes(null, null, $"baseline unavailable: {exception.Message}");
        }
        finally
        {
            File.Delete(file);
        }

        return result.ExitCode == 0
            ? Parse(result.Output)
            : new NumpyTimes(null, null, $"baseline unavailable: {ScriptPath} exited with code {result.ExitCode}: {result.Tail}");
    }

    /// <summary>Reads the script's JSON line, <c>{"minmax_ms": [...], "rx_ms": [...]}</c> (the last line that is an object).</summary>
    public static NumpyTimes Parse(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return new NumpyTimes(null, null, $"baseline unavailable: {ScriptPath} printed no JSON object");
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            return new NumpyTimes(Times(json.RootElement, "minmax_ms"), Times(json.RootElement, "rx_ms"), null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new NumpyTimes(null, null, $"baseline unavailable: {ScriptPath} printed '{line}', not {{\"minmax_ms\": [...], \"rx_ms\": [...]}} ({exception.Message})");
        }
    }

    private static Samples Times(JsonElement root, string name)
    {
        var values = root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble() * 1_000).ToArray();
        return values.Length > 0 ? Samples.Of(values) : throw new FormatException($"{name} is empty");
    }
}
