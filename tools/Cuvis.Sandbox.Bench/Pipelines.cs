using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Bench;

/// <summary>The one-node pipelines the bench runs: a builtin node named <see cref="Node"/>, fed through its input port <c>data</c>.</summary>
internal static class Pipelines
{
    public const string Node = "n";

    public const string MinMax = "MinMaxNormalizer";

    public const string Rx = "RXPerBatch";

    public static LoadPipelineRequest Load(string sessionId, string nodeClass) => new()
    {
        SessionId = sessionId,
        Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8($$"""{"nodes": [{"name": "{{Node}}", "class": "{{nodeClass}}"}]}""") },
    };
}
