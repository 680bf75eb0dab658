namespace Cuvis.Sandbox.Client;

/// <summary>An input a loaded pipeline takes, or an output it gives, as <see cref="CuvisSession.GetPipelineInputsAsync"/> and <see cref="CuvisSession.GetPipelineOutputsAsync"/> report it.</summary>
/// <param name="Name">For an input, the batch key that feeds it (<c>cube</c>, or an extra input's name); for an output, its key, <c>&lt;node&gt;.&lt;port&gt;</c>.</param>
/// <param name="DType">The element type; <see langword="null"/> when unspecified (or one this client does not know).</param>
/// <param name="Shape">Size of each dimension; -1 means any size.</param>
/// <param name="Required">Whether inference fails without this input; always <see langword="false"/> for outputs.</param>
public sealed record TensorSpec(string Name, DType? DType, IReadOnlyList<long> Shape, bool Required);
