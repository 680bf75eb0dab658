namespace Cuvis.Sandbox.Contracts;

/// <summary>The tensors a node receives in one <see cref="Node.Forward"/> call, by input port name. Read-only.</summary>
/// <remarks>
/// Port names are compared ordinally, so they are case-sensitive. A port has one tensor, except a
/// variadic one (<see cref="InputPortAttribute.Variadic"/>), which has one per connection; read
/// those with <see cref="GetAll"/>.
/// </remarks>
public sealed class NodeInputs
{
    private readonly Dictionary<string, Tensor[]> _tensors;

    /// <summary>Creates the inputs for one call, one tensor per port. The host builds these; so can a test of a node.</summary>
    /// <param name="tensors">Tensor by port name. Copied, so later changes to the dictionary do not show.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A port name is empty or a tensor is <see langword="null"/>.</exception>
    public NodeInputs(IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new Dictionary<string, Tensor[]>(tensors.Count, StringComparer.Ordinal);
        foreach (var (port, tensor) in tensors)
        {
            Add(port, tensor is null ? null : [tensor], nameof(tensors));
        }
    }

    /// <summary>Creates the inputs for one call, any number of tensors per port, as a variadic port receives them.</summary>
    /// <param name="tensors">
    /// Tensors by port name, in connection order. Copied, so later changes do not show. A port
    /// with an empty list has no tensor in this call.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A port name is empty, or a list or a tensor in it is <see langword="null"/>.</exception>
    public NodeInputs(IReadOnlyDictionary<string, IReadOnlyList<Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new Dictionary<string, Tensor[]>(tensors.Count, StringComparer.Ordinal);
        foreach (var (port, list) in tensors)
        {
            if (list is { Count: 0 })
            {
                continue;
            }

            Add(port, list is null || list.Contains(null!) ? null : [.. list], nameof(tensors));
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
    /// <exception cref="InvalidOperationException">The port is variadic and has several tensors; read them with <see cref="GetAll"/>.</exception>
    public Tensor Required(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        if (_tensors.TryGetValue(port, out var tensors))
        {
            return Single(port, tensors);
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
    /// <exception cref="InvalidOperationException">The port is variadic and has several tensors; read them with <see cref="GetAll"/>.</exception>
    public Tensor? Optional(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return _tensors.TryGetValue(port, out var tensors) ? Single(port, tensors) : null;
    }

    /// <summary>Returns every tensor of an input port, in the order the pipeline lists its connections.</summary>
    /// <param name="port">The input port name, as declared with <see cref="InputPortAttribute"/>; usually a variadic one.</param>
    /// <returns>The tensors; one for a port with one connection, empty for a port the pipeline left unconnected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="port"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<Tensor> GetAll(string port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return _tensors.TryGetValue(port, out var tensors) ? Array.AsReadOnly(tensors) : [];
    }

    private static Tensor Single(string port, Tensor[] tensors) =>
        tensors.Length == 1
            ? tensors[0]
            : throw new InvalidOperationException(
                $"Input port '{port}' has {tensors.Length} tensors, one per connection; read a variadic port with GetAll(port).");

    private void Add(string port, Tensor[]? tensors, string parameter)
    {
        if (string.IsNullOrEmpty(port) || tensors is null)
        {
            throw new ArgumentException(
                $"Every input needs a port name and a tensor; got port '{port}' with {Describe(tensors)}.",
                parameter);
        }

        _tensors.Add(port, tensors);
    }

    private static string Describe(Tensor[]? tensors) => tensors switch
    {
        null => "no tensor",
        [var only] => only.ToString(),
        _ => $"{tensors.Length} tensors",
    };
}
