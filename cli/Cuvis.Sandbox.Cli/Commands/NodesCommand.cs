using System.ComponentModel;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary><c>cuvis nodes [--manifest m.json]</c>: the node classes a session can use, with their ports.</summary>
[Description("List the node classes a session can use (builtin, and those of --manifest's plugins) with their ports.")]
internal sealed class NodesCommand(CliTerminal terminal) : CuvisCommand<NodesCommand.Settings>(terminal)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandOption("--manifest <FILE>")]
        [Description("A plugin manifest (JSON or YAML) to load into the session first.")]
        public string? Manifest { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        var manifest = settings.Manifest is null ? null : await ManifestFile.LoadAsync(settings.Manifest, cancellationToken);
        using var connection = new ServerConnection(settings);
        await using var session = await connection.CreateSessionAsync(output, cancellationToken);
        if (manifest is not null && await PluginSteps.LoadAsync(session, manifest, output, cancellationToken) is { AllLoaded: false } failed)
        {
            throw PluginSteps.Failed(failed);
        }

        var nodes = await output.StepAsync("Listing nodes", () => session.ListAvailableNodesAsync(cancellationToken));
        if (output.IsJson)
        {
            output.WriteJson(new { Nodes = nodes.Select(NodeDocument.From).ToList() });
        }
        else
        {
            output.Console.Write(NodeTable.Of(nodes));
            output.Console.MarkupLine($"{nodes.Count} node classes ([grey]?[/] marks an optional input, [grey]?[/] in a shape any size).");
        }

        return 0;
    }
}
