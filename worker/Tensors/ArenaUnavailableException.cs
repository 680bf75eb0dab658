namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>An InferenceShared call whose arena cannot arrive: the descriptor channel is gone (UNAVAILABLE).</summary>
internal sealed class ArenaUnavailableException(string message) : Exception(message);
