using System.ComponentModel;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Cuvis.Sandbox.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary><c>cuvis plugins load manifest.json|yaml</c>: loads a manifest into a new session and says what each plugin did and brought.</summary>
[Description("Load a plugin manifest (JSON or YAML) into a new session: each plugin's result and the nodes it brought. Exit code 2 when one failed.")]
internal sealed class PluginsLoadCommand(CliTerminal terminal) : CuvisCommand<PluginsLoadCommand.Settings>(terminal)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "<MANIFEST>")]
        [Description("The manifest: {\"plugins\": {name: {provides, repo, ref} or {provides, path}}}, as JSON or YAML.")]
        public string Manifest { get; init; } = "";
    }

    protected override async Task<int> RunAsync(Settings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        var manifest = await ManifestFile.LoadAsync(settings.Manifest, cancellationToken);
        using var connection = new ServerConnection(settings);
        await using var session = await connection.CreateSessionAsync(output, cancellationToken);
        var result = await PluginSteps.LoadAsync(session, manifest, output, cancellationToken);
        var loaded = (await session.ListLoadedPluginsAsync(cancellationToken)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var nodes = await session.ListAvailableNodesAsync(cancellationToken);
        var reports = manifest.Plugins.Select(entry => new PluginReport(
            entry.Name,
            result.FailedPlugins.GetValueOrDefault(entry.Name),
            loaded.GetValueOrDefault(entry.Name),
            [.. nodes.Where(n => n.PluginName == entry.Name)])).ToList();

        if (output.IsJson)
        {
            output.WriteJson(new { AllLoaded = result.AllLoaded, Plugins = reports.Select(r => r.ToDocument()).ToList() });
        }
        else
        {
            Write(output.Console, reports);
        }

        return result.AllLoaded ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static void Write(IAnsiConsole console, List<PluginReport> reports)
    {
        foreach (var report in reports)
        {
            if (report.Error is { } error)
            {
                console.MarkupLine($"[red]✗ {Markup.Escape(report.Name)}[/]: {Markup.Escape(error)}");
                continue;
            }

            var info = report.Info;
            var origin = info is null ? "" : info.Ref is null ? $" from {info.Source}" : $" from {info.Source} at {info.Ref}{(info.Commit is { } c ? $" ({c[..Math.Min(12, c.Length)]})" : "")}";
            console.MarkupLine($"[green]✓ {Markup.Escape(report.Name)}[/] loaded{Markup.Escape(origin)}: {report.Nodes.Count} node class{(report.Nodes.Count == 1 ? "" : "es")}");
            if (report.Nodes.Count > 0)
            {
                console.Write(NodeTable.Of(report.Nodes));
            }
        }
    }

    private sealed record PluginReport(string Name, string? Error, PluginInfo? Info, IReadOnlyList<NodeInfo> Nodes)
    {
        public object ToDocument() => new
        {
            Name,
            Loaded = Error is null,
            Error,
            Kind = Info?.Kind.ToString().ToLowerInvariant(),
            Info?.Source,
            Info?.Ref,
            Info?.Commit,
            Nodes = Nodes.Select(n => NodeDocument.From(n)).ToList(),
        };
    }
}
