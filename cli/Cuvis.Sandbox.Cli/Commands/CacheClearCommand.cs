using System.ComponentModel;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary><c>cuvis cache clear [name]</c>: removes the server's cached plugin builds and clones.</summary>
[Description("Remove the server's cached plugin builds and clones, of one plugin or all (plugins already loaded stay loaded).")]
internal sealed class CacheClearCommand(CliTerminal terminal) : CuvisCommand<CacheClearCommand.Settings>(terminal)
{
    internal sealed class Settings : GlobalSettings
    {
        [CommandArgument(0, "[NAME]")]
        [Description("The plugin whose entries to remove; all when left out.")]
        public string? Name { get; init; }
    }

    protected override async Task<int> RunAsync(Settings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        using var connection = new ServerConnection(settings);
        var removed = await output.StepAsync("Clearing the plugin cache", () => connection.Client.ClearPluginCacheAsync(settings.Name, cancellationToken));
        if (output.IsJson)
        {
            output.WriteJson(new { Plugin = settings.Name, Removed = removed });
        }
        else
        {
            // The server's count is of the git repositories it removed; the builds go with them, uncounted.
            output.Console.WriteLine($"Cleared the plugin cache{(settings.Name is null ? "" : $" of plugin {settings.Name}")}: "
                + $"{removed} cached repositor{(removed == 1 ? "y" : "ies")} removed, and the builds with them.");
        }

        return 0;
    }
}
