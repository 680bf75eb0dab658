using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class Pipeline
{
    private PipelineRunResult Execute(
        Dictionary<PortReference, Tensor> bound, HashSet<PortReference>? selected, CancellationToken cancellationToken)
    {
        var produced = new Dictionary<PortReference, Tensor>();
        var nodeTimes = new List<NodeTime>(Nodes.Count);
        foreach (var node in Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inputs = GatherInputs(node, bound, produced);
            var started = _timeProvider.GetTimestamp();
            var outputs = Forward(node, inputs, cancellationToken);
            nodeTimes.Add(new NodeTime(node.Name, _timeProvider.GetElapsedTime(started)));
            foreach (var port in node.Descriptor.Outputs)
            {
                produced[new PortReference(node.Name, port.Name)] = CheckedOutput(node, port, outputs);
            }
        }

        var results = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metrics = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var node in _documentOrder)
        {
            foreach (var port in node.Descriptor.Outputs)
            {
                var key = new PortReference(node.Name, port.Name);
                if (selected is not null && !selected.Contains(key))
                {
                    continue;
                }

                var tensor = produced[key];
                results[key.ToString()] = tensor;
                if (MetricValue.TryRead(tensor, out var metric))
                {
                    metrics[key.ToString()] = metric;
                }
            }
        }

        PipelineLog.Ran(_logger, _sessionId, Id, Nodes.Count, results.Count);
        return new PipelineRunResult(results, metrics, nodeTimes);
    }

    private NodeInputs GatherInputs(PipelineNode node, Dictionary<PortReference, Tensor> bound, Dictionary<PortReference, Tensor> produced)
    {
        var tensors = new Dictionary<string, IReadOnlyList<Tensor>>(StringComparer.Ordinal);
        foreach (var port in node.Descriptor.Inputs)
        {
            var key = new PortReference(node.Name, port.Name);
            if (!_feeds.TryGetValue(key, out var sources))
            {
                if (bound.TryGetValue(key, out var given))
                {
                    tensors[port.Name] = [given];
                }

                continue;
            }

            tensors[port.Name] = Array.ConvertAll(sources, source => CheckedInput(node, port, source, produced[source]));
        }

        return new NodeInputs(tensors);
    }

    // Build time checked what both ports declare; a -1 the producer left open may still be fixed
    // on this side, and the node was promised inputs that fit its declaration.
    private static Tensor CheckedInput(PipelineNode node, PortSpec port, PortReference source, Tensor tensor) =>
        PortCompatibility.FindTensorProblem(tensor, port, node.AcceptedDTypes(port.Name)) is { } problem
            ? throw new NodeExecutionException(
                node.Name, $"Node '{node.Name}' ({node.ClassName}) cannot take '{source}' as input '{port.Name}': {problem}.")
            : tensor;

    private NodeOutputs Forward(PipelineNode node, NodeInputs inputs, CancellationToken cancellationToken)
    {
        try
        {
            return node.Instance.Forward(inputs, cancellationToken)
                ?? throw new InvalidOperationException("Forward returned null instead of a NodeOutputs.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        // Plugin code may throw anything; every failure is reported naming the node.
        catch (Exception e)
        {
            PipelineLog.NodeFailed(_logger, _sessionId, Id, node.Name, node.ClassName, e);
            throw NodeExecutionException.Threw(node, e);
        }
    }

    private Tensor CheckedOutput(PipelineNode node, PortSpec port, NodeOutputs outputs)
    {
        if (!outputs.TryGet(port.Name, out var tensor))
        {
            var returned = outputs.Names.Count == 0 ? "none" : string.Join(", ", outputs.Names.Select(name => $"'{name}'"));
            throw Broken(node, $"Node '{node.Name}' ({node.ClassName}) did not produce output '{port.Name}'; it returned {returned}.");
        }

        // An output's dtype is exact: the consumers were checked against the declared one.
        var declared = new HashSet<DType> { port.DType };
        return PortCompatibility.FindTensorProblem(tensor, port, declared) is { } problem
            ? throw Broken(node, $"Node '{node.Name}' ({node.ClassName}) produced output '{port.Name}' that breaks its declaration: {problem}.")
            : tensor;
    }

    private NodeExecutionException Broken(PipelineNode node, string message)
    {
        var exception = new NodeExecutionException(node.Name, message);
        PipelineLog.NodeFailed(_logger, _sessionId, Id, node.Name, node.ClassName, exception);
        return exception;
    }
}
