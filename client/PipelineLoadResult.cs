namespace Cuvis.Sandbox.Client;

/// <summary>A pipeline the session loaded; it replaces the one loaded before, and inference runs it.</summary>
/// <param name="PipelineId">The server's id for it.</param>
/// <param name="Metadata">Its document's metadata.</param>
public sealed record PipelineLoadResult(string PipelineId, PipelineMetadata Metadata);
