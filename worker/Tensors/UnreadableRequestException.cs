namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>A request the worker parsed itself (from shared memory) that is not a valid message (INVALID_ARGUMENT).</summary>
internal sealed class UnreadableRequestException(string message) : Exception(message);
