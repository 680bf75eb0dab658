namespace Cuvis.Sandbox.Cli.Connection;

/// <summary>How long one node's Forward took inside the worker.</summary>
internal sealed record NodeTiming(string Node, long Micros);
