using System.Diagnostics.CodeAnalysis;

namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// The tensors a node returns from <see cref="Node.Forward"/>, by output port name. Build it with
/// <see cref="Set"/>: <c>return new NodeOutputs().Set("scores", scores).Set("threshold", threshold);</c>
/// </summary>
/// <remarks>
/// The host checks the result against the node's <see cref="OutputPortAttribute"/> declarations.
/// A rank-0 (scalar) tensor is also reported to the client as a metric named after its port.
/// Port names are compared ordinally, so they are case-sensitive.
/// </remarks>
public sealed class NodeOutputs
{
    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

    /// <summary>Gets the names of the ports set so far.</summary>
    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <summary>Sets the tensor of an output port, replacing any set before.</summary>
    /// <param name="port">The output port name, as declared with <see cref="OutputPortAttribute"/>.</param>
    /// <param name="tensor">The tensor; not copied, so do not change it after returning from <see cref="Node.Forward"/>.</param>
    /// <returns>This instance, so calls chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> or <paramref name="tensor"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="port"/> is empty.</exception>
    public NodeOutputs Set(string port, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(port);
        ArgumentNullException.ThrowIfNull(tensor);
        _tensors[port] = tensor;
        return this;
    }

    /// <summary>Gets the tensor set for <paramref name="port"/>, if any.</summary>
    /// <param name="port">The output port name.</param>
    /// <param name="tensor">The tensor, or <see langword="null"/> if the port was not set.</param>
    /// <returns><see langword="true"/> if the port was set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> is <see langword="null"/>.</exception>
    public bool TryGet(string port, [NotNullWhen(true)] out Tensor? tensor)
    {
        ArgumentNullException.ThrowIfNull(port);
        return _tensors.TryGetValue(port, out tensor);
    }
}
