namespace Cuvis.Sandbox.Client;

/// <summary>What one inference call returned.</summary>
/// <param name="Outputs">The output tensors by key, <c>&lt;node&gt;.&lt;port&gt;</c> (<c>rx.scores</c>).</param>
/// <param name="Metrics">Every scalar output again as a 32-bit float, by the same key (an integer is exact only up to 2^24 there; its tensor keeps every bit).</param>
public sealed record InferenceResult(IReadOnlyDictionary<string, TensorData> Outputs, IReadOnlyDictionary<string, float> Metrics);
