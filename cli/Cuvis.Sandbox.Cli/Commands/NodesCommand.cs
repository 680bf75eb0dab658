using System.ComponentModel;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Files;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Cuvis.Sandbox.Client;
using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary><c>cuvis nodes [--manifest m.json]</c>: the node classes a session can use, with their ports and parameters.</summary>
[Description("List the node classes a session can use (builtin, and those of --manifest's plugins) with their ports and parameters.")]
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
        var parameters = await output.StepAsync("Reading their parameters", () => ParametersAsync(session, nodes, cancellationToken));
        if (output.IsJson)
        {
            output.WriteJson(new { Nodes = nodes.Select(n => NodeDocument.From(n, parameters?.GetValueOrDefault(n.FullPath))).ToList() });
        }
        else
        {
            output.Console.Write(NodeTable.Of(nodes, parameters));
            output.Console.MarkupLine($"{nodes.Count} node classes ([grey]?[/] marks an optional input, [grey]?[/] in a shape any size).");
        }

        return 0;
    }

    /// <summary>
    /// Each class's parameters by full path, from its parameter schema; a class the server will not
    /// describe (past its limits) maps to null, and a server without GetParameterSchema (another
    /// cuvis-ai server) gives null for the whole table.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<NodeParameter>?>?> ParametersAsync(
        CuvisSession session, IReadOnlyList<NodeInfo> nodes, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, IReadOnlyList<NodeParameter>?>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            try
            {
                parameters[node.FullPath] = NodeParameter.FromSchema(await session.GetParameterSchemaAsync(node.FullPath, cancellationToken));
            }
            catch (CuvisSandboxException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                return null;
            }
            catch (Exception e) when (e is CuvisFailedPreconditionException or System.Text.Json.JsonException)
            {
                parameters[node.FullPath] = null;
            }
        }

        return parameters;
    }
}
