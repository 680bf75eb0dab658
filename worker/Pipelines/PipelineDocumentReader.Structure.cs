using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class PipelineDocumentReader
{
    // Far deeper than any pipeline needs; the limit keeps a hostile document from exhausting the
    // stack while the representation model is built, which would take the worker down.
    private const int MaxNesting = 64;

    // Aliases may repeat content (PyYAML writes them for shared lists), but not multiply it: a
    // document's content counted through its aliases may be this many times its own length, plus
    // the allowance, before it is refused as an alias bomb.
    private const int MaxAliasExpansion = 4;
    private const int AliasExpansionAllowance = 16 * 1024;

    /// <summary>
    /// A first pass over the parser's events, before the representation model is built from them.
    /// The parser keeps its state on the heap, so this is safe however deep the document goes;
    /// the model is not: it recurses through nesting, and it hashes mapping keys by their content,
    /// so a key that is a list, a mapping or an alias of one can recurse without end (a key that
    /// contains itself), past the stack (a chain of aliases, each nesting the one before), or for
    /// ever (an alias bomb). Pipeline keys are names, so keys must be scalars here. Nesting and
    /// size are measured through aliases, as a reader walking the graph would see them.
    /// </summary>
    private bool CheckStructure(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<StructureFrame>();
        var anchors = new Dictionary<string, (long Size, int Height)>(StringComparer.Ordinal);
        var limit = ((long)MaxAliasExpansion * text.Length) + AliasExpansionAllowance;
        long expanded = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            _lastGood = current.End;
            var isKey = open.TryPeek(out var parent) && parent.IsMapping && parent.ExpectsKey;
            switch (current)
            {
                case StreamStart or StreamEnd or DocumentEnd or Comment:
                    break;
                case DocumentStart:
                    anchors.Clear();
                    break;
                case MappingStart or SequenceStart when isKey:
                    return Refuse($"The pipeline document has a {(current is MappingStart ? "mapping" : "list")} as a mapping key at line {current.Start.Line}; keys are names (plain text).");
                case MappingStart or SequenceStart:
                    var anchor = ((NodeEvent)current).Anchor;
                    open.Push(new StructureFrame(current is MappingStart, anchor.IsEmpty ? null : anchor.Value));
                    expanded++;
                    if (open.Count > MaxNesting)
                    {
                        return Refuse($"The pipeline document nests deeper than {MaxNesting} levels at line {current.Start.Line}.");
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    if (done.Anchor is { } name)
                    {
                        anchors[name] = (done.Size + 1, done.Height + 1);
                    }

                    Completed(open, done.Size + 1, done.Height + 1);
                    break;
                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = (scalar.Value.Length + 1, 0);
                    }

                    expanded += scalar.Value.Length + 1;
                    Completed(open, scalar.Value.Length + 1, 0);
                    break;
                case AnchorAlias alias:
                    var target = alias.Value.Value;
                    if (open.Any(frame => frame.Anchor == target))
                    {
                        return Refuse($"The pipeline document's alias *{target} at line {alias.Start.Line} refers to a node that contains it; a pipeline document cannot hold a cycle.");
                    }

                    // An alias to an unknown anchor is left to the loader, which reports it by name.
                    var (size, height) = anchors.GetValueOrDefault(target, (1, 0));
                    if (isKey && height > 0)
                    {
                        return Refuse($"The pipeline document's alias *{target} at line {alias.Start.Line} makes a list or mapping a mapping key; keys are names (plain text).");
                    }

                    if (open.Count + height > MaxNesting)
                    {
                        return Refuse($"The pipeline document nests deeper than {MaxNesting} levels through the alias *{target} at line {alias.Start.Line}.");
                    }

                    expanded += size;
                    if (expanded > limit)
                    {
                        return Refuse($"The pipeline document's aliases expand it to more than {limit} characters of content at *{target} (line {alias.Start.Line}), "
                            + $"{MaxAliasExpansion} times its {text.Length} characters plus {AliasExpansionAllowance}; write repeated parts out instead of aliasing them.");
                    }

                    Completed(open, size, height);
                    break;
            }
        }

        return true;
    }

    private bool Refuse(string problem)
    {
        AddDocumentProblem(problem);
        return false;
    }

    // A node of this size (counted through aliases) and height ended: its parent grows, and a
    // mapping's next node is a key again after a value.
    private static void Completed(Stack<StructureFrame> open, long size, int height)
    {
        if (open.TryPeek(out var parent))
        {
            parent.Size += size;
            parent.Height = Math.Max(parent.Height, height);
            parent.ExpectsKey = !parent.ExpectsKey;
        }
    }

    /// <summary>An open mapping or list, with what <see cref="CheckStructure"/> knows about it so far.</summary>
    private sealed class StructureFrame(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public string? Anchor { get; } = anchor;

        /// <summary>Gets or sets whether the next node in a mapping is a key; meaningless for a list.</summary>
        public bool ExpectsKey { get; set; } = true;

        public long Size { get; set; }

        public int Height { get; set; }
    }
}
