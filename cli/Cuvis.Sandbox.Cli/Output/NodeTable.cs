using Cuvis.Sandbox.Client;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>Node classes as a table: class, source, plugin, and each port with its dtype and shape.</summary>
internal static class NodeTable
{
    public static Table Of(IEnumerable<NodeInfo> nodes)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("class").AddColumn("source").AddColumn("plugin").AddColumn("inputs").AddColumn("outputs");
        foreach (var node in nodes.OrderBy(n => n.Source).ThenBy(n => n.PluginName, StringComparer.Ordinal).ThenBy(n => n.ClassName, StringComparer.Ordinal))
        {
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(node.ClassName)}[/]"),
                new Text(Describe.Source(node.Source)),
                new Text(node.PluginName ?? "-"),
                new Text(Ports(node.Inputs.Values)),
                new Text(Ports(node.Outputs.Values)));
        }

        return table;
    }

    private static string Ports(IEnumerable<PortSpec> ports) => string.Join('\n', ports.Select(Describe.Port)) is { Length: > 0 } text ? text : "-";
}
