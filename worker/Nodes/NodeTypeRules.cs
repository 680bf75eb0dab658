using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>What makes a class usable as a pipeline node, for builtin and plugin nodes alike.</summary>
internal static class NodeTypeRules
{
    /// <summary>Returns why <paramref name="type"/> cannot be a node, as a clause ("it is abstract"), or <see langword="null"/>.</summary>
    public static string? FindProblem(Type type)
    {
        if (!type.IsSubclassOf(typeof(Node)))
        {
            return $"it does not derive from {typeof(Node).FullName}";
        }

        if (type.IsAbstract)
        {
            return "it is abstract";
        }

        if (type.ContainsGenericParameters)
        {
            return "it is an open generic class; provide a class with no unbound type parameters";
        }

        // The pipeline's params bind to the parameters of the one public constructor (see Node).
        var constructors = type.GetConstructors().Length;
        return constructors == 1 ? null : $"it must have exactly one public constructor, found {constructors}";
    }
}
