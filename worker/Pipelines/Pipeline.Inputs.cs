using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class Pipeline
{
    /// <summary>Matches the given tensors to the unconnected input ports and checks each against its port.</summary>
    private Dictionary<PortReference, Tensor> BindInputs(IReadOnlyDictionary<string, Tensor> inputs, List<string> problems)
    {
        var bound = new Dictionary<PortReference, Tensor>();
        var missing = new List<string>();
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
                }

                continue;
            }

            if (PortCompatibility.FindTensorProblem(tensor, port.Spec, _nodesByName[port.Node].AcceptedDTypes(port.Port)) is { } problem)
            {
                problems.Add($"Input '{name}' does not fit {key}: {problem}.");
                continue;
            }

            bound[key] = tensor;
        }

        if (missing.Count > 0)
        {
            problems.Insert(0, $"Missing required input{(missing.Count == 1 ? "" : "s")}: {string.Join(", ", missing)}. "
                + "Give each tensor under its port name.");
        }

        return bound;
    }

    /// <summary>Returns the selected outputs, or <see langword="null"/> for all of them.</summary>
    private HashSet<PortReference>? SelectOutputs(IReadOnlyCollection<string> selectors, List<string> problems)
    {
        if (selectors.Count == 0)
        {
            return null;
        }

        var all = Nodes.SelectMany(node => node.Descriptor.Outputs.Select(port => new PortReference(node.Name, port.Name))).ToList();
        var selected = new HashSet<PortReference>();
        foreach (var selector in selectors)
        {
            var matches = all.Where(output => selector.Contains('.', StringComparison.Ordinal)
                ? output.ToString() == selector
                : output.Port == selector).ToList();
            if (matches.Count == 0)
            {
                problems.Add($"Unknown output selector '{selector}'; select '<node>.<port>' or a port name. "
                    + $"Outputs: {string.Join(", ", all)}.");
            }

            selected.UnionWith(matches);
        }

        return selected;
    }
}
