namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>A pipeline document as read, before any class is resolved or port checked.</summary>
internal sealed record PipelineDocument(
    PipelineMetadata Metadata,
    IReadOnlyList<NodeDocument> Nodes,
    IReadOnlyList<ConnectionDocument> Connections);
