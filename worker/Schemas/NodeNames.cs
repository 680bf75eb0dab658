using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>
/// The names of a catalogue's classes that resolve as <see cref="NodeClassResolver"/> resolves a
/// document's <c>class</c>: a full name to the classes of that full name, else a short name to
/// those of that short name, and only a name that names one class resolves. Counted once, so a
/// catalogue of thousands of classes costs no more than reading it.
/// </summary>
internal sealed class NodeNames(IReadOnlyList<NodeDescriptor> nodes)
{
    private readonly Dictionary<string, int> _fullNames = Count(nodes.Select(node => node.FullPath));
    private readonly Dictionary<string, int> _shortNames = Count(nodes.Select(node => node.ClassName));

    /// <summary>The names that resolve to <paramref name="node"/>: its short name, its full name, both or neither.</summary>
    public IReadOnlyList<string> Of(NodeDescriptor node)
    {
        var names = new List<string>(2);
        if (node.ClassName != node.FullPath && !_fullNames.ContainsKey(node.ClassName) && _shortNames[node.ClassName] == 1)
        {
            names.Add(node.ClassName);
        }

        if (_fullNames[node.FullPath] == 1)
        {
            names.Add(node.FullPath);
        }

        return names;
    }

    private static Dictionary<string, int> Count(IEnumerable<string> names)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return counts;
    }
}
