using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class Pipeline
{
    /// <summary>Matches the given tensors to the unconnected input ports and checks each against its port.</summary>
    private Dictionary<PortReference, Tensor> BindInputs(IReadOnlyDictionary<string, Tensor> inputs, List<PipelineInputProblem> problems)
    {
        var bound = new Dictionary<PortReference, Tensor>();
        var missing = new List<string>();
        var missingFields = new List<string>();
        foreach (var port in Inputs)
        {
            var key = new PortReference(port.Node, port.Port);
            var name = port.Key;
            if (!inputs.TryGetValue(name, out var tensor))
            {
                name = port.Port;
                inputs.TryGetValue(name, out tensor);
            }

            if (tensor is null)
            {
                if (port.Required)
                {
                    missing.Add($"'{port.Port}' for node '{port.Node}' ({PortCompatibility.Describe(port.Spec)})");
                    missingFields.Add(ProblemFields.Input(port.Port));
                }

                continue;
            }

            if (PortCompatibility.FindTensorProblem(tensor, port.Spec, _nodesByName[port.Node].AcceptedDTypes(port.Port)) is { } problem)
            {
                problems.Add(new($"Input '{name}' does not fit {key}: {problem}.", [ProblemFields.Input(name)]));
                continue;
            }

            bound[key] = tensor;
        }

        if (missing.Count > 0)
        {
            problems.Insert(0, new(
                $"Missing required input{(missing.Count == 1 ? "" : "s")}: {string.Join(", ", missing)}. Give each tensor under its port name.",
                [.. missingFields.Distinct(StringComparer.Ordinal)]));
        }

        return bound;
    }

    /// <summary>Returns the selected outputs, or <see langword="null"/> for all of them.</summary>
    private HashSet<PortReference>? SelectOutputs(IReadOnlyCollection<string> selectors, List<PipelineInputProblem> problems)
    {
        if (selectors.Count == 0)
        {
            return null;
        }

        var all = Nodes.SelectMany(node => node.Descriptor.Outputs.Select(port => new PortReference(node.Name, port.Name))).ToList();
        var selected = new HashSet<PortReference>();
        foreach (var (index, selector) in selectors.Index())
        {
            var matches = all.Where(output => selector.Contains('.', StringComparison.Ordinal)
                ? output.ToString() == selector
                : output.Port == selector).ToList();
            if (matches.Count == 0)
            {
                problems.Add(new(
                    $"Unknown output selector '{selector}'; select '<node>.<port>' or a port name. Outputs: {string.Join(", ", all)}.",
                    [ProblemFields.OutputSelector(index)]));
            }

            selected.UnionWith(matches);
        }

        return selected;
    }
}
