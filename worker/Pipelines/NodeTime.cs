namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>How long one node's Forward took in a pipeline run.</summary>
/// <param name="Node">The node's name in the pipeline document.</param>
/// <param name="Elapsed">From the call to Forward to its return, its input checks and output checks excluded.</param>
internal readonly record struct NodeTime(string Node, TimeSpan Elapsed);
