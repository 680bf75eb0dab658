using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.Bench;

/// <summary>The one-node pipelines the bench runs: a builtin node named <see cref="Node"/>, fed through its input port <c>data</c>.</summary>
internal static class Pipelines
{
    public const string Node = "n";

    public const string MinMax = "MinMaxNormalizer";

    public const string Rx = "RXPerBatch";

    /// <summary>The pipeline document, as the client library's <c>LoadPipelineAsync</c> takes it.</summary>
    public static string Document(string nodeClass) => $$"""{"nodes": [{"name": "{{Node}}", "class": "{{nodeClass}}"}]}""";

    /// <summary>The request of the direct worker's private stub, which takes the public message.</summary>
    public static LoadPipelineRequest Load(string sessionId, string nodeClass) => new()
    {
        SessionId = sessionId,
        Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(Document(nodeClass)) },
    };
}
