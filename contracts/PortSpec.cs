using System.Text;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// One port of a node as the host sees it, read from an <see cref="InputPortAttribute"/> or
/// <see cref="OutputPortAttribute"/> by <see cref="NodePorts"/>. Immutable.
/// </summary>
/// <remarks>Two specs are equal when every member is, the shape compared size by size.</remarks>
public sealed record PortSpec
{
    private readonly long[] _shape;

    /// <summary>Creates a port description, checking it as <see cref="NodePorts"/> checks a declaration.</summary>
    /// <param name="name">The port name: ASCII letters, digits and '_', not starting with a digit.</param>
    /// <param name="dtype">The element type.</param>
    /// <param name="shape">The size of each dimension; -1 means any size, empty means a scalar. Copied.</param>
    /// <param name="optional">Whether an input port may be left unconnected; always <see langword="false"/> for outputs.</param>
    /// <param name="description">What the port carries, for people; may be empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="shape"/> or <paramref name="description"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is not an identifier, the dtype is not defined, or a size is below -1.</exception>
    public PortSpec(string name, DType dtype, IReadOnlyList<long> shape, bool optional = false, string description = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(description);
        _shape = [.. shape];
        if (PortRules.FindProblem(name, dtype, _shape) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        Name = name;
        DType = dtype;
        Shape = Array.AsReadOnly(_shape);
        Optional = optional;
        Description = description;
    }

    /// <summary>Gets the port name, unique among the node's inputs (or outputs).</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public DType DType { get; }

    /// <summary>Gets the size of each dimension, outermost first; -1 means any size, empty means a scalar.</summary>
    /// <remarks>
    /// A read-only list rather than a span, unlike <see cref="Tensor.Shape"/>: a spec is a value
    /// kept in collections and compared, which a span cannot be.
    /// </remarks>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Gets a value indicating whether a pipeline may leave this input unconnected; <see langword="false"/> for outputs.</summary>
    public bool Optional { get; }

    /// <summary>Gets what the port carries, for people; may be empty.</summary>
    public string Description { get; }

    /// <summary>
    /// Gets a value indicating whether an input port takes any number of connections (fan-in),
    /// read with <see cref="NodeInputs.GetAll"/>; <see langword="false"/> for outputs. Defaults to <see langword="false"/>.
    /// </summary>
    /// <remarks>Set with an object initializer or <see langword="with"/>: <c>spec with { Variadic = true }</c>.</remarks>
    public bool Variadic { get; init; }

    /// <summary>Compares every member, the shape size by size.</summary>
    /// <param name="other">The spec to compare with.</param>
    /// <returns><see langword="true"/> if both describe the same port.</returns>
    public bool Equals(PortSpec? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && DType == other.DType
        && _shape.AsSpan().SequenceEqual(other._shape)
        && Optional == other.Optional
        && string.Equals(Description, other.Description, StringComparison.Ordinal)
        && Variadic == other.Variadic;

    /// <summary>Returns a hash code consistent with <see cref="Equals(PortSpec)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(DType);
        foreach (var size in _shape)
        {
            hash.Add(size);
        }

        hash.Add(Optional);
        hash.Add(Description, StringComparer.Ordinal);
        hash.Add(Variadic);
        return hash.ToHashCode();
    }

    // Replaces the record's generated member list so the shape prints as [1, -1] rather than a type name.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name)
            .Append(", DType = ").Append(DType)
            .Append(", Shape = ").Append(TensorLayout.Format(_shape))
            .Append(", Optional = ").Append(Optional)
            .Append(", Description = ").Append(Description)
            .Append(", Variadic = ").Append(Variadic);
        return true;
    }
}
