using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>Generated pipeline documents: any well-formed document the reader must read back exactly, and valid pipelines of builtin nodes.</summary>
internal static partial class PipelineGenerators
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private const string Digits = "0123456789";
    private static readonly string[] MetadataKeys = ["name", "description", "created", "author", "cuvis_ai_version"];

    public static readonly Gen<string> Identifier =
        Gen.Select(Gen.Char[Letters], Gen.String[Gen.Char[Letters + Digits], 0, 12], (first, rest) => first + rest);

    /// <summary>Text with what YAML treats specially: indicators, quotes, escapes, line breaks, non-ASCII, emoji.</summary>
    public static readonly Gen<string> Text = Gen.Select(
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Char[" -:#&*!|>'\"%@`{}[],?\\\t\näöü€~"], Gen.Char[(char)0xA0, (char)0xD7FF]), 0, 30],
        Gen.Bool,
        (text, emoji) => emoji ? text + "😀" : text);

    public static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int.Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(value => value.ToString("R", CultureInfo.InvariantCulture)));

    private static readonly Gen<ParamModel> Param = Gen.OneOf(
        Gen.OneOf(Number, Text).Select(text => new ParamModel(text, null)),
        Gen.OneOf(Number, Text).Array[0, 5].Select(items => new ParamModel(null, items)));

    private static readonly Gen<NodeModel> Node = Gen.Select(
        Identifier,
        Gen.Select(Identifier.Array[1, 3], parts => string.Join('.', parts)),
        Gen.Select(Identifier, Param).Array[0, 5],
        (name, className, parameters) => new NodeModel(name, className, [.. parameters.DistinctBy(p => p.Item1, StringComparer.Ordinal)]));

    private static readonly Gen<IReadOnlyDictionary<string, string>?> Metadata =
        Gen.Select(Gen.Bool, Text.Array[MetadataKeys.Length], Gen.Bool.Array[MetadataKeys.Length], (present, values, keep) => present
            ? (IReadOnlyDictionary<string, string>?)MetadataKeys.Where((_, i) => keep[i]).ToDictionary(key => key, key => values[Array.IndexOf(MetadataKeys, key)])
            : null);

    /// <summary>Any well-formed document: the reader checks its shape only, so classes and connection ends are arbitrary.</summary>
    public static readonly Gen<PipelineModel> WellFormed = Gen.Select(
        Metadata,
        Gen.Select(Gen.Bool, Text.Array[0, 4], (present, tags) => present ? (IReadOnlyList<string>?)tags : null),
        Node.Array[1, 8].Select(nodes => nodes.DistinctBy(node => node.Name, StringComparer.Ordinal).ToArray()),
        Gen.Select(Text, Text).Array[0, 6],
        Gen.Bool,
        (metadata, tags, nodes, connections, json) => new PipelineModel(metadata, tags, nodes, connections, json));

    /// <summary>An anomaly pipeline of builtin nodes (input, normalisers, RX, optional logit, a decider) with valid params.</summary>
    public static readonly Gen<string> BuiltinPipeline = Gen.Select(
        Gen.OneOf("MinMaxNormalizer", "ZScoreNormalizer").Array[0, 3],
        Gen.Bool,
        Gen.OneOf(
            Gen.Double[0.01, 0.999].Select(q => $"QuantileBinaryDecider\n    params: {{quantile: {q.ToString("R", CultureInfo.InvariantCulture)}}}"),
            Gen.Double[-1e6, 1e6].Select(t => $"BinaryDecider\n    params: {{threshold: {t.ToString("R", CultureInfo.InvariantCulture)}}}")),
        (normalizers, logit, decider) =>
        {
            var text = new StringBuilder("metadata:\n  name: generated\nnodes:\n  - name: input\n    class: HyperspectralInput\n");
            var connections = new StringBuilder("connections:\n");
            var previous = "input.outputs.cube";
            for (var i = 0; i < normalizers.Length; i++)
            {
                text.Append($"  - name: n{i}\n    class: {normalizers[i]}\n");
                connections.Append($"  - from: {previous}\n    to: n{i}.inputs.data\n");
                previous = $"n{i}.outputs.normalized";
            }

            text.Append("  - name: rx\n    class: RXPerBatch\n");
            connections.Append($"  - from: {previous}\n    to: rx.inputs.data\n");
            previous = "rx.outputs.scores";
            if (logit)
            {
                text.Append("  - name: logit\n    class: ScoreToLogit\n    params: {scale: 2.5, bias: -1}\n");
                connections.Append($"  - from: {previous}\n    to: logit.inputs.scores\n");
                previous = "logit.outputs.logits";
            }

            text.Append($"  - name: decide\n    class: {decider}\n");
            connections.Append($"  - from: {previous}\n    to: decide.inputs.logits\n");
            return text.Append(connections).ToString();
        });

    /// <summary>Tokens a fuzzer would splice into YAML: indicators, anchors and aliases, tags, directives, document markers, numbers.</summary>
    public static readonly string[] Tokens =
    [
        "&a ", "*a", "&b [*a, *a, *a]", "<<: *a", "!!binary ", "!!python/object:os.system ", "!tag ", "%YAML 1.1\n", "%TAG ! tag:x:\n",
        "---\n", "...\n", "? ", ": ", "- ", "[", "]", "{", "}", ",", "|\n", ">-\n", "#", "\"", "'", "\\", "\t", "\n  ", "~", "null",
        "1e999999999", "-.inf", ".nan", "0x7FFFFFFFFFFFFFFFFFFF", "99999999999999999999999999999999", "nodes:", "class: ", "params:",
        "connections:", "from: ", "to: ", ".outputs.", ".inputs.", "\uFEFF", "\u2028", "\u0085",
    ];

    // \z, not $: $ also matches before a final newline, and "8\n" is a text, not a number.
    public static bool IsNumber(string text) => JsonNumber().IsMatch(text);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\z")]
    private static partial Regex JsonNumber();
}
