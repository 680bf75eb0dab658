namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// A run was refused before any node ran: a required input is missing, a tensor does not fit its
/// port, or an output selector names no output. The message lists every such problem.
/// </summary>
internal sealed class PipelineInputException(string message) : Exception(message);
