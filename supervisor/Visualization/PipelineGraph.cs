namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>What a pipeline drawing shows: its nodes in document order and the connections between their ports.</summary>
internal sealed record PipelineGraph(IReadOnlyList<PipelineGraphNode> Nodes, IReadOnlyList<PipelineGraphEdge> Edges);

/// <summary>One node of a pipeline document: its name and class, as written (untrusted text).</summary>
internal sealed record PipelineGraphNode(string Name, string Class);

/// <summary>One connection: from an output port of one node to an input port of another, by index into <see cref="PipelineGraph.Nodes"/>.</summary>
internal sealed record PipelineGraphEdge(int From, string FromPort, int To, string ToPort);
