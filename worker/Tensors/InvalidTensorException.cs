namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>A tensor on the wire is malformed (dtype, shape or byte count); reported as INVALID_ARGUMENT.</summary>
internal sealed class InvalidTensorException(string message) : Exception(message);
