namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>An answer larger than one message may be (RESOURCE_EXHAUSTED), as gRPC itself would refuse to send it.</summary>
internal sealed class AnswerTooLargeException(string message) : Exception(message);
