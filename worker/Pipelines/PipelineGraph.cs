namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>Orders a pipeline's nodes so that every node runs after the nodes feeding it.</summary>
internal static class PipelineGraph
{
    /// <summary>
    /// Returns the nodes in execution order, ties broken by document order so a run is
    /// reproducible; or <see langword="null"/> after adding a problem for each cycle found, about
    /// <c>connections</c> as a whole: no one connection is the wrong one.
    /// </summary>
    public static IReadOnlyList<PipelineNode>? Order(
        IReadOnlyList<PipelineNode> nodes, IReadOnlyList<PipelineConnection> connections, ICollection<PipelineProblem> problems)
    {
        var position = nodes.Select((node, index) => (node.Name, index)).ToDictionary(entry => entry.Name, entry => entry.index, StringComparer.Ordinal);
        var successors = nodes.Select(_ => new List<int>()).ToArray();
        var predecessors = nodes.Select(_ => new List<int>()).ToArray();
        var pending = new int[nodes.Count];
        foreach (var connection in connections)
        {
            var from = position[connection.From.Node];
            var to = position[connection.To.Node];
            successors[from].Add(to);
            predecessors[to].Add(from);
            pending[to]++;
        }

        // Kahn's algorithm, always taking the earliest ready node in document order.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<PipelineNode>(nodes.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(nodes[next]);
            foreach (var successor in successors[next])
            {
                if (--pending[successor] == 0)
                {
                    ready.Enqueue(successor, successor);
                }
            }
        }

        if (order.Count == nodes.Count)
        {
            return order;
        }

        foreach (var cycle in FindCycles(pending, predecessors))
        {
            var names = cycle.Select(index => nodes[index].Name).Append(nodes[cycle[0]].Name);
            problems.Add(new(ProblemFields.Connections, $"connections form a cycle: {string.Join(" -> ", names)}; a pipeline must be acyclic."));
        }

        return null;
    }

    /// <summary>
    /// Every node Kahn's algorithm left behind has a predecessor also left behind, so walking
    /// predecessors from one of them must come back to a node already on the walk: a cycle.
    /// </summary>
    private static List<int[]> FindCycles(int[] pending, List<int>[] predecessors)
    {
        var cycles = new List<int[]>();
        var visited = new bool[pending.Length];
        for (var start = 0; start < pending.Length; start++)
        {
            if (pending[start] == 0 || visited[start])
            {
                continue;
            }

            var walk = new List<int>();
            var onWalk = new Dictionary<int, int>();
            var current = start;
            while (!visited[current])
            {
                visited[current] = true;
                onWalk[current] = walk.Count;
                walk.Add(current);
                current = predecessors[current].First(predecessor => pending[predecessor] > 0);
            }

            if (onWalk.TryGetValue(current, out var cycleStart))
            {
                // The walk went against the edges; turn it around and start at the earliest node.
                var cycle = walk[cycleStart..].AsEnumerable().Reverse().ToArray();
                var first = Array.IndexOf(cycle, cycle.Min());
                cycles.Add([.. cycle[first..], .. cycle[..first]]);
            }
        }

        return cycles;
    }
}
