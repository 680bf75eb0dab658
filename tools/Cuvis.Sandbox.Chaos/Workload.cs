using System.Runtime.InteropServices;
using System.Text.Json;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// What the sessions run: MinMaxNormalizer on a small random cube, behind ChaosKit's Saboteur node in
/// the sessions that load the plugin. Every answer is checked against the normalisation computed here.
/// </summary>
internal static class Workload
{
    public const string Output = "normalize.normalized";
    public const string SaboteurNode = "ChaosKit.Saboteur";

    private static readonly long[] Shape = [1, 8, 8, 32];

    public const string BuiltinPipeline = "nodes: [{name: normalize, class: MinMaxNormalizer}]";

    public const string SaboteurPipeline =
        "nodes: [{name: saboteur, class: Saboteur}, {name: normalize, class: MinMaxNormalizer}]\n"
        + "connections: [{from: saboteur.outputs.passed, to: normalize.inputs.data}]";

    public static ByteString Manifest(string pluginDirectory) => ByteString.CopyFromUtf8(JsonSerializer.Serialize(new
    {
        plugins = new Dictionary<string, object> { ["chaoskit"] = new { provides = new[] { SaboteurNode }, path = pluginDirectory } },
    }));

    public static float[] Cube(Random random)
    {
        var values = new float[Shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 1000 - 500);
        }

        return values;
    }

    /// <summary>The cube, and what the Saboteur needs to carry <paramref name="fault"/> into the worker.</summary>
    public static InputBatch Inputs(float[] cube, FaultKind? fault, long memoryLimitBytes)
    {
        var batch = new InputBatch { ExtraInputs = { ["data"] = Tensor(cube, Shape) } };
        switch (fault)
        {
            case FaultKind.OutOfMemory:
                // Well past the limit: the kernel kills first; without a limit the node gives up there.
                batch.ExtraInputs["oom"] = Tensor([4 * (memoryLimitBytes >> 20)], [1]);
                break;
            case FaultKind.Segv:
                batch.ExtraInputs["segv"] = Tensor([1], [1]);
                break;
        }

        return batch;
    }

    /// <summary>Null when <paramref name="response"/> is the normalised <paramref name="cube"/>; otherwise what is wrong.</summary>
    public static string? Check(float[] cube, InferenceResponse response)
    {
        if (!response.Outputs.TryGetValue(Output, out var tensor))
        {
            return $"no output {Output} (got {string.Join(", ", response.Outputs.Keys)})";
        }

        var values = MemoryMarshal.Cast<byte, float>(tensor.RawData.Span);
        if (values.Length != cube.Length)
        {
            return $"{values.Length} values instead of {cube.Length}";
        }

        float min = cube.Min(), max = cube.Max();
        for (var i = 0; i < cube.Length; i++)
        {
            var expected = (cube[i] - min) / (max - min);
            if (Math.Abs(values[i] - expected) > 1e-4)
            {
                return $"value {i} is {values[i]}, expected {expected}";
            }
        }

        return null;
    }

    private static Tensor Tensor(float[] values, long[] shape) => new()
    {
        Dtype = DType.Float32,
        Shape = { shape },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
    };
}
