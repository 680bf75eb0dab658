namespace Cuvis.Sandbox.Contracts;

/// <summary>The tensors a node receives in one <see cref="Node.Forward"/> call, by input port name. Read-only.</summary>
/// <remarks>Port names are compared ordinally, so they are case-sensitive.</remarks>
public sealed class NodeInputs
{
    private readonly Dictionary<string, Tensor> _tensors;

    /// <summary>Creates the inputs for one call. The host builds these; so can a test of a node.</summary>
    /// <param name="tensors">Tensor by port name. Copied, so later changes to the dictionary do not show.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A port name is empty or a tensor is <see langword="null"/>.</exception>
    public NodeInputs(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new Dictionary<string, Tensor>(tensors.Count, StringComparer.Ordinal);
        foreach (var (port, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(port) || tensor is null)
            {
                throw new ArgumentException(
                    $"Every input needs a port name and a tensor; got port '{port}' with {(tensor is null ? "no tensor" : tensor.ToString())}.",
                    nameof(tensors));
            }

            _tensors.Add(port, tensor);
        }
    }

    /// <summary>Gets the names of the ports that have a tensor in this call.</summary>
    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <summary>Returns whether <paramref name="port"/> has a tensor in this call.</summary>
    /// <param name="port">The input port name.</param>
    /// <returns><see langword="true"/> if the port has a tensor.</returns>
    public bool Contains(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return _tensors.ContainsKey(port);
    }

    /// <summary>Returns the tensor of a required input port.</summary>
    /// <param name="port">The input port name, as declared with <see cref="InputPortAttribute"/>.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">The port has no tensor; the message lists the ports that have one.</exception>
    public Tensor Required(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        if (_tensors.TryGetValue(port, out var tensor))
        {
            return tensor;
        }

        var present = _tensors.Count == 0
            ? "none"
            : string.Join(", ", _tensors.Keys.Order(StringComparer.Ordinal).Select(name => $"'{name}'"));
        throw new KeyNotFoundException(
            $"Input port '{port}' has no tensor. Ports present: {present}. "
            + "Check the name against the node's [InputPort] declarations; use Optional(port) for an optional port.");
    }

    /// <summary>Returns the tensor of an optional input port, or <see langword="null"/> if the pipeline did not connect it.</summary>
    /// <param name="port">The input port name, as declared with <see cref="InputPortAttribute"/>.</param>
    /// <returns>The tensor, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> is <see langword="null"/>.</exception>
    public Tensor? Optional(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return _tensors.GetValueOrDefault(port);
    }
}
