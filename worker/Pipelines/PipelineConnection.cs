namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>A checked connection: the output <paramref name="From"/> feeds the input <paramref name="To"/>.</summary>
internal sealed record PipelineConnection(PortReference From, PortReference To);
