using System.Reflection;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// Reads the ports a <see cref="Node"/> class declares with <see cref="InputPortAttribute"/> and
/// <see cref="OutputPortAttribute"/>, without constructing it.
/// </summary>
/// <remarks>
/// Ports are read afresh on every call and nothing is cached: a cache in this assembly, which the
/// host shares with every plugin, would keep plugin types alive and their load contexts from
/// unloading. The order of the result follows the metadata, in practice declaration order; ports
/// are identified by name, not position.
/// </remarks>
public static class NodePorts
{
    /// <summary>Returns the input ports <paramref name="nodeType"/> declares.</summary>
    /// <param name="nodeType">A class deriving from <see cref="Node"/>.</param>
    /// <returns>One spec per <see cref="InputPortAttribute"/> on the class itself; empty if it declares none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="nodeType"/> does not derive from <see cref="Node"/>, or declares an input port
    /// that is invalid or declared twice; the message names the class and the port.
    /// </exception>
    public static IReadOnlyList<PortSpec> InputsOf(Type nodeType)
    {
        EnsureNodeType(nodeType);
        return Read(
            nodeType,
            "input",
            nodeType.GetCustomAttributes<InputPortAttribute>(inherit: false)
                .Select(port => (port.Name, port.DType, port.Shape, port.Optional, port.Description, port.Variadic)));
    }

    /// <summary>Returns the output ports <paramref name="nodeType"/> declares.</summary>
    /// <param name="nodeType">A class deriving from <see cref="Node"/>.</param>
    /// <returns>One spec per <see cref="OutputPortAttribute"/> on the class itself; empty if it declares none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="nodeType"/> does not derive from <see cref="Node"/>, or declares an output port
    /// that is invalid or declared twice; the message names the class and the port.
    /// </exception>
    public static IReadOnlyList<PortSpec> OutputsOf(Type nodeType)
    {
        EnsureNodeType(nodeType);
        return Read(
            nodeType,
            "output",
            nodeType.GetCustomAttributes<OutputPortAttribute>(inherit: false)
                .Select(port => (port.Name, port.DType, port.Shape, Optional: false, port.Description, Variadic: false)));
    }

    private static void EnsureNodeType(Type nodeType)
    {
        ArgumentNullException.ThrowIfNull(nodeType);
        if (!nodeType.IsSubclassOf(typeof(Node)))
        {
            throw new ArgumentException(
                $"Type '{nodeType.FullName}' does not derive from {typeof(Node).FullName}; only node classes declare ports.",
                nameof(nodeType));
        }
    }

    private static PortSpec[] Read(
        Type nodeType,
        string direction,
        IEnumerable<(string Name, DType DType, long[] Shape, bool Optional, string Description, bool Variadic)> declarations)
    {
        var ports = new List<PortSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, dtype, shape, optional, description, variadic) in declarations)
        {
            if (PortRules.FindProblem(name, dtype, shape) is { } problem)
            {
                throw new ArgumentException(
                    $"Node class '{nodeType.FullName}' declares an invalid {direction} port. {problem}", nameof(nodeType));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException(
                    $"Node class '{nodeType.FullName}' declares {direction} port '{name}' more than once; "
                    + $"each {direction} port needs a unique name.",
                    nameof(nodeType));
            }

            ports.Add(new PortSpec(name, dtype, shape, optional, description) { Variadic = variadic });
        }

        return [.. ports];
    }
}
