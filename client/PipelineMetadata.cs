namespace Cuvis.Sandbox.Client;

/// <summary>The <c>metadata</c> section of a loaded pipeline document; a field the document leaves out is empty.</summary>
/// <param name="Name">The pipeline's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Created">When it was made, as the document says it.</param>
/// <param name="CuvisAiVersion">The cuvis-ai version it was written for.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Author">Who wrote it.</param>
public sealed record PipelineMetadata(string Name, string Description, string Created, string CuvisAiVersion, IReadOnlyList<string> Tags, string Author);
