using Cuvis.Sandbox.Client;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>Node classes as a table: class, source, plugin, each port with its dtype and shape, and (where the server publishes them) the parameters.</summary>
internal static class NodeTable
{
    /// <param name="nodes">The node classes.</param>
    /// <param name="parameters">Each class's parameters by full path, or null when the server does not publish them.</param>
    public static Table Of(IEnumerable<NodeInfo> nodes, IReadOnlyDictionary<string, IReadOnlyList<NodeParameter>?>? parameters = null)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("class").AddColumn("source").AddColumn("plugin").AddColumn("inputs").AddColumn("outputs");
        if (parameters is not null)
        {
            table.AddColumn("parameters");
        }

        foreach (var node in nodes.OrderBy(n => n.Source).ThenBy(n => n.PluginName, StringComparer.Ordinal).ThenBy(n => n.ClassName, StringComparer.Ordinal))
        {
            List<Spectre.Console.Rendering.IRenderable> cells =
            [
                new Markup($"[bold]{Markup.Escape(node.ClassName)}[/]"),
                new Text(Describe.Source(node.Source)),
                new Text(node.PluginName ?? "-"),
                new Text(Ports(node.Inputs.Values)),
                new Text(Ports(node.Outputs.Values)),
            ];
            if (parameters is not null)
            {
                cells.Add(new Text(parameters.GetValueOrDefault(node.FullPath) switch
                {
                    null => "? (not described)",
                    { Count: 0 } => "-",
                    var list => string.Join('\n', list),
                }));
            }

            table.AddRow(cells);
        }

        return table;
    }

    private static string Ports(IEnumerable<PortSpec> ports) => string.Join('\n', ports.Select(Describe.Port)) is { Length: > 0 } text ? text : "-";
}
