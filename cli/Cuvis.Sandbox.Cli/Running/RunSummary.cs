using Cuvis.Sandbox.Cli.Pictures;

namespace Cuvis.Sandbox.Cli.Running;

/// <summary>What <c>cuvis run</c> writes as summary.json, and prints with --json.</summary>
internal sealed record RunSummary(
    string Server,
    string? SessionId,
    PipelineDocument Pipeline,
    IReadOnlyDictionary<string, TensorDocument> Inputs,
    IReadOnlyList<string>? Plugins,
    IReadOnlyDictionary<string, TensorDocument> Outputs,
    IReadOnlyDictionary<string, float> Metrics,
    IReadOnlyList<PictureDocument> Pictures,
    string? PicturesError,
    IReadOnlyDictionary<string, double> TimingsMs,
    IReadOnlyList<NodeTimingDocument> NodeTimings,
    string OutDir);

internal sealed record PipelineDocument(string File, string? Id, string? Name);

/// <summary>A tensor read or written: its file, shape, dtype and finite range (bool as 0 and 1; null when it has no finite element).</summary>
internal sealed record TensorDocument(string File, IReadOnlyList<long> Shape, string Dtype, double? Min, double? Max);

internal sealed record NodeTimingDocument(string Node, double Ms);

/// <summary>A picture written: where in it the data image lies (for tools that read pixels back), and what it shows.</summary>
internal sealed record PictureDocument(
    string File, string Kind, string Source, int Batch, int Width, int Height, PictureBox Image, int Scale,
    double? Min = null, double? Max = null, int? Marked = null, string? Bands = null);
