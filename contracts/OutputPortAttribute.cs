namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// Declares an output port of a <see cref="Node"/> class: a named tensor the node returns from
/// <see cref="Node.Forward"/>. Apply one per port.
/// </summary>
/// <remarks>
/// The host reads these with <see cref="NodePorts.OutputsOf"/> without constructing the node.
/// Every output is produced on every call, so unlike an input it cannot be optional. A port with
/// an empty shape is a scalar, which the host also reports as a metric. Ports are not inherited:
/// a node class declares every one of its ports itself.
/// </remarks>
/// <example>
/// <code>
/// [OutputPort("scores", DType.Float32, -1, -1, -1, 1, Description = "Anomaly score per pixel.")]
/// [OutputPort("threshold", DType.Float32, Description = "Score above which a pixel is anomalous.")]
/// public sealed class AnomalyNode : Node { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutputPortAttribute : Attribute
{
    /// <summary>Declares an output port.</summary>
    /// <param name="name">The port name: ASCII letters, digits and '_', not starting with a digit; unique among the node's outputs.</param>
    /// <param name="dtype">The element type the port produces.</param>
    /// <param name="shape">The size of each dimension, outermost first; -1 means any size, and no sizes at all means a scalar.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is <see langword="null"/>.</exception>
    public OutputPortAttribute(string name, DType dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        DType = dtype;
        Shape = shape;
    }

    /// <summary>Gets the port name.</summary>
    public string Name { get; }

    /// <summary>Gets the element type the port produces.</summary>
    public DType DType { get; }

    /// <summary>Gets the size of each dimension; -1 means any size, empty means a scalar.</summary>
    /// <remarks>An array because attribute arguments must be; <see cref="PortSpec.Shape"/> is the read-only copy the host uses.</remarks>
    public long[] Shape { get; }

    /// <summary>Gets or sets what the port produces, for people reading the node's description. Defaults to empty.</summary>
    /// <remarks>Never <see langword="null"/>: setting <see langword="null"/> stores an empty string.</remarks>
    public string Description { get; set => field = value ?? ""; } = "";
}
