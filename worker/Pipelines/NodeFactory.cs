using System.Reflection;
using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Constructs a document's node: binds its params and calls the class's one public constructor.
/// Constructors run at build time, so a constructor that rejects its arguments makes the document
/// invalid instead of failing the first run.
/// </summary>
internal static class NodeFactory
{
    public static Node? Create(NodeDocument node, NodeDescriptor descriptor, ICollection<string> problems)
    {
        // NodeTypeRules admitted the class to the catalogue only with exactly one public constructor.
        var constructor = descriptor.Type.GetConstructors().Single();
        if (NodeParameterBinder.Bind(node.Label, constructor, node.Params, problems) is not { } arguments)
        {
            return null;
        }

        try
        {
            return (Node)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException argument)
        {
            problems.Add($"{node.Label}: {argument.Message}");
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            problems.Add($"{node.Label}: the constructor of {descriptor.FullPath} threw {inner.GetType().Name}: {inner.Message}");
        }
        catch (Exception e) when (e is ArgumentException or MemberAccessException or NotSupportedException)
        {
            problems.Add($"{node.Label}: {descriptor.FullPath} cannot be constructed: {e.Message}");
        }

        return null;
    }
}
