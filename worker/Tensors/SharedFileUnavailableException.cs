namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>An InferenceShared call whose file cannot arrive: the descriptor channel is gone (UNAVAILABLE).</summary>
internal sealed class SharedFileUnavailableException(string message) : Exception(message);
