namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// Declares an input port of a <see cref="Node"/> class: a named tensor the node reads in
/// <see cref="Node.Forward"/>. Apply one per port.
/// </summary>
/// <remarks>
/// The host reads these with <see cref="NodePorts.InputsOf"/> without constructing the node, so it
/// can describe a node and check a pipeline before any plugin code runs. Ports are not inherited:
/// a node class declares every one of its ports itself.
/// </remarks>
/// <example>
/// <code>
/// [InputPort("cube", DType.Float32, 1, -1, -1, -1, Description = "Hyperspectral cube, NHWC.")]
/// [InputPort("mask", DType.Bool, 1, -1, -1, Optional = true, Description = "Pixels to score.")]
/// [InputPort("extra", DType.Float32, 1, -1, -1, -1, Optional = true, Variadic = true, Description = "Further cubes, any number.")]
/// public sealed class AnomalyNode : Node { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputPortAttribute : Attribute
{
    /// <summary>Declares an input port.</summary>
    /// <param name="name">The port name: ASCII letters, digits and '_', not starting with a digit; unique among the node's inputs.</param>
    /// <param name="dtype">The element type the port accepts.</param>
    /// <param name="shape">The size of each dimension, outermost first; -1 means any size, and no sizes at all means a scalar.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="shape"/> is <see langword="null"/>.</exception>
    public InputPortAttribute(string name, DType dtype, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        DType = dtype;
        Shape = shape;
    }

    /// <summary>Gets the port name.</summary>
    public string Name { get; }

    /// <summary>Gets the element type the port accepts.</summary>
    public DType DType { get; }

    /// <summary>Gets the size of each dimension; -1 means any size, empty means a scalar.</summary>
    /// <remarks>An array because attribute arguments must be; <see cref="PortSpec.Shape"/> is the read-only copy the host uses.</remarks>
    public long[] Shape { get; }

    /// <summary>
    /// Gets or sets a value indicating whether a pipeline may leave the port unconnected, in which
    /// case <see cref="NodeInputs.Optional"/> returns <see langword="null"/> for it. Defaults to <see langword="false"/>.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the port takes any number of connections (fan-in);
    /// <see cref="NodeInputs.GetAll"/> returns their tensors in the order the pipeline lists the
    /// connections. Defaults to <see langword="false"/>: one connection.
    /// </summary>
    public bool Variadic { get; set; }

    /// <summary>Gets or sets what the port expects, for people reading the node's description. Defaults to empty.</summary>
    /// <remarks>Never <see langword="null"/>: setting <see langword="null"/> stores an empty string.</remarks>
    public string Description { get; set => field = value ?? ""; } = "";
}
