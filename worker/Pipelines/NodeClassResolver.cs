using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Resolves a node's <c>class</c> against the session's catalogue: a full type name matches
/// exactly; otherwise the short class name must match exactly one node class.
/// </summary>
internal sealed class NodeClassResolver(IReadOnlyList<NodeDescriptor> available)
{
    private const int MaxListed = 10;

    /// <summary>Returns the class <paramref name="node"/> names, or <see langword="null"/> after adding a problem about its <c>class</c>.</summary>
    public NodeDescriptor? Resolve(NodeDocument node, string className, ICollection<PipelineProblem> problems)
    {
        var candidates = Candidates(className);
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                problems.Add(new(ProblemFields.NodeClass(node.Index), $"{node.Label}: unknown class '{className}'. {Hint(className)}"));
                return null;
            default:
                problems.Add(new(ProblemFields.NodeClass(node.Index), $"{node.Label}: class '{className}' is ambiguous; it matches "
                    + $"{string.Join(", ", candidates.Select(Describe))}. Use the full name."));
                return null;
        }
    }

    /// <summary>The classes <paramref name="className"/> names: those of that full name, else those of that short name; one when it resolves.</summary>
    public IReadOnlyList<NodeDescriptor> Candidates(string className)
    {
        var byFullName = available.Where(descriptor => descriptor.FullPath == className).ToList();
        return byFullName.Count > 0 ? byFullName : [.. available.Where(descriptor => descriptor.ClassName == className)];
    }

    private string Hint(string className)
    {
        if (available.Count == 0)
        {
            return "No node classes are available in this session; load the plugin that provides it first.";
        }

        // A dotted name was meant as a full name; compare like with like.
        var names = className.Contains('.', StringComparison.Ordinal)
            ? available.Select(node => node.FullPath)
            : available.Select(node => node.ClassName);
        var closest = NameSuggestions.Closest(className, names);
        if (closest.Count > 0)
        {
            return $"Did you mean {string.Join(" or ", closest.Select(name => $"'{name}'"))}?";
        }

        return available.Count <= MaxListed
            ? $"Available classes: {string.Join(", ", available.Select(node => node.FullPath))}."
            : $"None of the {available.Count} available classes is close; ListAvailableNodes lists them.";
    }

    private static string Describe(NodeDescriptor node) =>
        node.Source == NodeSource.Builtin ? $"'{node.FullPath}' (builtin)" : $"'{node.FullPath}' (plugin '{node.PluginName}')";
}
