namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>One generated entry of <c>nodes</c>; params in the order written.</summary>
internal sealed record NodeModel(string Name, string Class, IReadOnlyList<(string Key, ParamModel Value)> Params);
