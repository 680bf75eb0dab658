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
    public static Node? Create(NodeDocument node, NodeDescriptor descriptor, ICollection<PipelineProblem> problems)
    {
        // NodeTypeRules admitted the class to the catalogue only with exactly one public constructor.
        var constructor = descriptor.Type.GetConstructors().Single();
        if (NodeParameterBinder.Bind(node, constructor, problems) is not { } arguments)
        {
            return null;
        }

        try
        {
            return (Node)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException argument)
        {
            problems.Add(new(FieldOf(node, constructor, argument), $"{node.Label}: {argument.Message}"));
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            problems.Add(new(ProblemFields.Node(node.Index), $"{node.Label}: the constructor of {descriptor.FullPath} threw {inner.GetType().Name}: {inner.Message}"));
        }
        catch (Exception e) when (e is ArgumentException or MemberAccessException or NotSupportedException)
        {
            problems.Add(new(ProblemFields.Node(node.Index), $"{node.Label}: {descriptor.FullPath} cannot be constructed: {e.Message}"));
        }

        return null;
    }

    // A constructor that rejects an argument names its parameter (the builtins always do): the
    // problem is that param's key when the document set it, the params when a default was used.
    private static string FieldOf(NodeDocument node, ConstructorInfo constructor, ArgumentException argument)
    {
        if (argument.ParamName is not { } name || !constructor.GetParameters().Any(parameter => parameter.Name == name))
        {
            return ProblemFields.Node(node.Index);
        }

        return NodeParameterBinder.KeyOf(constructor, node.Params, name) is { } key
            ? ProblemFields.NodeParam(node.Index, key)
            : ProblemFields.NodeParams(node.Index);
    }
}
