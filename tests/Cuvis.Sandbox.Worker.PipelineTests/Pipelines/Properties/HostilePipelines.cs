using System.Text;
using CsCheck;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>
/// Pipeline documents built to hurt a YAML reader: deep nesting (written, and through aliases),
/// alias bombs and self-referencing anchors in every position, complex keys, huge numbers,
/// invalid UTF-8, other encodings, directives and tags, and documents whose problems multiply.
/// </summary>
internal static class HostilePipelines
{
    private const string Node = "{name: p, class: ParamsNode, params: {bandA: 1, count: 2}}";

    /// <summary>Where a hostile value goes; @ marks the spot.</summary>
    private static readonly string[] Positions =
    [
        "metadata: {name: @}",
        "metadata: @",
        "metadata: {tags: @}",
        "nodes: @",
        "nodes: [@]",
        "nodes: [{name: @, class: AddNode}]",
        "nodes: [{name: p, class: ParamsNode, params: {bandA: 1, count: 2, bands: @}}]",
        "nodes: [{name: p, class: ParamsNode, params: {bandA: 1, count: 2, modes: @}}]",
        "nodes: [{name: p, class: ParamsNode, params: @}]",
        "nodes: [{name: p, class: ParamsNode, params: {bandA: 1, count: 2, @: 1}}]",
        "nodes: [{name: p, class: ParamsNode, params: {bandA: 1, count: 2, ? @ : 1}}]",
        "nodes: [" + Node + "]\nconnections: @",
        "nodes: [" + Node + "]\nconnections: [@]",
        "nodes: [" + Node + "]\nconnections: [{from: @, to: p.inputs.x}]",
        "? @\n: 1",
        "metadata: {? @ : 1}",
    ];

    private static readonly Gen<Func<string, string>> Position = Gen.Int[0, Positions.Length - 1].Select(i =>
        (Func<string, string>)(value => Positions[i].Replace("@", value, StringComparison.Ordinal)));

    private static readonly Gen<string> FlowNesting = Gen.Select(Gen.Int[1, 3000], Gen.OneOf("[", "{a: ", "[{a: "), Gen.Bool, Position,
        (depth, open, closed, place) => place(string.Concat(Enumerable.Repeat(open, depth))
            + (closed ? string.Concat(Enumerable.Repeat(open == "[" ? "]" : open == "{a: " ? "}" : "}]", depth)) : "")));

    private static readonly Gen<string> BlockNesting = Gen.Select(Gen.Int[1, 200], Gen.Bool, (depth, sequences) =>
        "metadata:\n" + string.Concat(Enumerable.Range(1, depth).Select(level => new string(' ', 2 * level) + (sequences ? "- " : "a:") + "\n")));

    // Billion laughs: each level aliases the previous one `fan` times.
    private static readonly Gen<string> AliasBomb = Gen.Select(Gen.Int[1, 10], Gen.Int[2, 12], Gen.Bool, Position, (levels, fan, scalars, place) =>
    {
        var defs = new StringBuilder($"x0: &a0 [{string.Join(", ", Enumerable.Repeat(scalars ? "lol" : "{k: v}", fan))}]\n");
        for (var level = 1; level < levels; level++)
        {
            defs.Append($"x{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", fan))}]\n");
        }

        return $"defs:\n{Indent(defs.ToString())}{place($"*a{levels - 1}")}\n";
    });

    private static readonly Gen<string> SelfReference = Gen.Select(Gen.OneOf("&s [*s]", "&s {k: *s}", "&s [1, [2, *s]]", "&s {k: [*s]}"), Position, (anchor, place) => place(anchor));

    // Each level nests 60 deep around an alias of the one before: shallow as written, thousands of levels deep as a graph.
    private static readonly Gen<string> AliasChainDepth = Gen.Select(Gen.Int[1, 120], Position, (links, place) =>
    {
        var defs = new StringBuilder($"x0: &d0 {new string('[', 60)}{new string(']', 60)}\n");
        for (var link = 1; link < links; link++)
        {
            defs.Append($"x{link}: &d{link} {new string('[', 60)}*d{link - 1}{new string(']', 60)}\n");
        }

        return $"defs:\n{Indent(defs.ToString())}{place($"*d{links - 1}")}\n";
    });

    private static readonly Gen<string> HugeNumber = Gen.Select(
        Gen.OneOf("bandA", "count", "minWavelength", "big", "scale", "bands", "enabled", "mode"),
        Gen.Int[1, 20000],
        Gen.OneOf("", "e999999999", ".5e-99999999", "e-0"),
        Gen.Bool,
        (param, digits, suffix, negative) =>
        {
            var number = (negative ? "-" : "") + new string('9', digits) + suffix;
            var value = param == "bands" ? $"[{number}]" : number;
            return $"nodes: [{{name: p, class: ParamsNode, params: {{bandA: 1, count: 2, {param}: {value}}}}}]";
        });

    private static readonly Gen<string> ProblemAmplifier = Gen.Select(Gen.Int[1, 500], Gen.Int[0, 30], (copies, unknownKeys) =>
    {
        var node = "&n {name: a, class: NoSuchNode, params: {x: 1}" + string.Concat(Enumerable.Range(0, unknownKeys).Select(k => $", k{k}: v")) + "}";
        return $"nodes: [{node}{string.Concat(Enumerable.Repeat(", *n", copies))}]\nconnections: [&c {{from: a.outputs.y, to: b.inputs.x}}{string.Concat(Enumerable.Repeat(", *c", copies))}]";
    });

    private static readonly Gen<string> ManyNodes = Gen.Select(Gen.Int[1, 300], count =>
        "nodes:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  - {{name: n{i}, class: AddNode}}\n"))
        + "connections:\n" + string.Concat(Enumerable.Range(1, count - 1).Select(i => $"  - {{from: n{i - 1}.outputs.y, to: n{i}.inputs.x}}\n")));

    private static readonly Gen<string> LongScalar = Gen.Select(Gen.Int[1, 20_000], Position, (length, place) => place(new string('x', length)));

    private static readonly Gen<string> Markup = Gen.OneOf(
        "%YAML 9.9\n---\nnodes: []",
        "%TAG ! tag:evil:\n---\nnodes: [!x {name: a, class: AddNode}]",
        "nodes: !!binary aGVsbG8=",
        "nodes: [!!python/object/apply:os.system [ls]]",
        "nodes: [{name: a, class: AddNode}]\n---\nnodes: [{name: b, class: AddNode}]",
        "---\n...\n---\n",
        "nodes: [{<<: {name: a, class: AddNode}}]",
        "base: &b {name: a, class: AddNode}\nnodes: [{<<: *b}]",
        "nodes: [{name: a, class: AddNode, name: b}]",
        "nodes: [*undefined]",
        "nodes: &x [*x]",
        "\0",
        "\t\tnodes: [",
        "nodes: \"\\uD800\"",
        "nodes: [{name: \"a\\u0000b\", class: AddNode}]");

    public static readonly Gen<byte[]> Text = Gen.OneOf(
        FlowNesting, BlockNesting, AliasBomb, SelfReference, AliasChainDepth, HugeNumber, ProblemAmplifier, ManyNodes, LongScalar, Markup)
        .Select(Encoding.UTF8.GetBytes);

    private static readonly Gen<byte[]> InvalidUtf8 = Gen.Select(
        Gen.OneOf<byte[]>([0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0xFE, 0xFF]),
        Position,
        byte[] (bad, place) =>
        {
            var parts = place("@").Split('@');
            return [.. Encoding.UTF8.GetBytes(parts[0]), .. bad, .. Encoding.UTF8.GetBytes(parts[1])];
        });

    private static readonly Gen<byte[]> OtherEncoding = Gen.OneOf("utf-16", "utf-32", "bom").Select(encoding =>
    {
        const string Document = "nodes: [{name: a, class: AddNode}]";
        return encoding switch
        {
            "utf-16" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Document)],
            "utf-32" => Encoding.UTF32.GetBytes(Document),
            _ => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Document)],
        };
    });

    public static readonly Gen<byte[]> All = Gen.OneOf(Text, InvalidUtf8, OtherEncoding);

    private static string Indent(string lines) => string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"  {line}\n"));
}
