using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

internal sealed partial class PipelineDocumentReader
{
    private List<ConnectionDocument> ReadConnections(YamlNode? node)
    {
        var connections = new List<ConnectionDocument>();
        if (node is null || YamlNodes.IsNull(node))
        {
            return connections;
        }

        if (node is not YamlSequenceNode sequence)
        {
            _problems.Add(new(ProblemFields.Connections, $"'connections' must be a list of {{from, to}} mappings, got {YamlNodes.Describe(node)}."));
            return connections;
        }

        for (var index = 0; index < sequence.Children.Count; index++)
        {
            if (ReadConnection(index, sequence.Children[index]) is { } connection)
            {
                connections.Add(connection);
            }
        }

        return connections;
    }

    private ConnectionDocument? ReadConnection(int index, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            _problems.Add(new(ProblemFields.Connection(index), $"connections[{index}] must be a mapping with 'from' and 'to', got {YamlNodes.Describe(node)}."));
            return null;
        }

        string? from = null, to = null;
        var valid = true;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = YamlNodes.Text(keyNode);
            if (key is not ("from" or "to"))
            {
                _problems.Add(new(ProblemFields.ConnectionKey(index, key), $"connections[{index}]: unknown key {YamlNodes.Describe(keyNode)}; a connection has 'from' and 'to'."));
                valid = false;
                continue;
            }

            if (YamlNodes.Text(value) is not { } text)
            {
                _problems.Add(new(ProblemFields.ConnectionKey(index, key), $"connections[{index}]: '{key}' must be a string like '<node>.{(key == "from" ? "outputs" : "inputs")}.<port>', got {YamlNodes.Describe(value)}."));
                valid = false;
            }
            else if (key == "from")
            {
                from = text;
            }
            else
            {
                to = text;
            }
        }

        if (valid && (from is null || to is null))
        {
            var missing = from is null ? "from" : "to";
            _problems.Add(new(ProblemFields.ConnectionKey(index, missing), $"connections[{index}]: '{missing}' is missing; a connection has 'from: <node>.outputs.<port>' and 'to: <node>.inputs.<port>'."));
            valid = false;
        }

        return valid ? new ConnectionDocument(index, from!, to!) : null;
    }
}
