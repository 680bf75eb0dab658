using YamlDotNet.Core.Events;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Counts a YAML document's values from its parser events as the document would read with every
/// alias written out, without writing anything out: an anchored value's size is known when it
/// ends, and an alias adds that size. It also refuses an alias inside the value it names (a
/// self-referencing anchor, <c>&amp;a [*a]</c>): YamlDotNet builds that as a node containing
/// itself, and hashing it as a mapping key overflows the stack, which ends the worker.
/// </summary>
internal sealed class AliasTally
{
    private readonly Stack<(string? Anchor, long Values)> _open = new();
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _openAnchors = new(StringComparer.Ordinal);

    /// <summary>Values so far, aliases counted as what they repeat (saturating: a bomb's count overflows no long).</summary>
    public long Values { get; private set; }

    /// <summary>Counts one event; returns a problem for an alias to a value still open.</summary>
    public string? Add(ParsingEvent current)
    {
        switch (current)
        {
            case Scalar scalar:
                Count(1);
                if (!scalar.Anchor.IsEmpty)
                {
                    _sizes[scalar.Anchor.Value] = 1;
                }

                break;
            case SequenceStart or MappingStart:
                Values = Sum(Values, 1);
                var start = (NodeEvent)current;
                var anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                _open.Push((anchor, 1));
                if (anchor is not null)
                {
                    _openAnchors[anchor] = _openAnchors.GetValueOrDefault(anchor) + 1;
                }

                break;
            case SequenceEnd or MappingEnd when _open.TryPop(out var ended):
                if (ended.Anchor is { } name)
                {
                    _sizes[name] = ended.Values;
                    _openAnchors[name]--;
                }

                AddToParent(ended.Values);
                break;
            case AnchorAlias alias:
                var target = alias.Value.Value;
                if (_openAnchors.GetValueOrDefault(target) > 0)
                {
                    return $"The pipeline document's alias *{target} at line {alias.Start.Line}, column {alias.Start.Column} is inside the value "
                        + $"anchored as &{target}, so that value would contain itself. Remove the alias, or anchor another value.";
                }

                // An alias to no anchor is the YAML reader's to report.
                Count(_sizes.GetValueOrDefault(target, 1));
                break;
        }

        return null;
    }

    private void Count(long values)
    {
        Values = Sum(Values, values);
        AddToParent(values);
    }

    private void AddToParent(long values)
    {
        if (_open.TryPop(out var parent))
        {
            _open.Push((parent.Anchor, Sum(parent.Values, values)));
        }
    }

    private static long Sum(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
