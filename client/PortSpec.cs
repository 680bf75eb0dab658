namespace Cuvis.Sandbox.Client;

/// <summary>One input or output port of a node class, as <see cref="CuvisSession.ListAvailableNodesAsync"/> reports it.</summary>
/// <param name="Name">The port's name, which pipeline connections and inference inputs use.</param>
/// <param name="DType">The element type it takes or gives; <see langword="null"/> when the server leaves it unspecified (or sends one this client does not know).</param>
/// <param name="Shape">Size of each dimension; -1 means any size, and an empty shape a scalar.</param>
/// <param name="Optional">Whether an input port may be left unconnected and unfed.</param>
/// <param name="Description">What the port carries, as the node's author wrote it; may be empty.</param>
public sealed record PortSpec(string Name, DType? DType, IReadOnlyList<long> Shape, bool Optional, string Description);
