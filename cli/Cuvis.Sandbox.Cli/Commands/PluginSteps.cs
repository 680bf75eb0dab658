using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary>Loading a manifest into a session, shared by nodes, plugins load and run.</summary>
internal static class PluginSteps
{
    public static Task<PluginLoadResult> LoadAsync(CuvisSession session, PluginManifest manifest, CommandOutput output, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", manifest.Plugins.Select(p => p.Name));
        return output.StepAsync(
            $"Fetching and building {manifest.Plugins.Count} plugin{(manifest.Plugins.Count == 1 ? "" : "s")} ({names}); a first build takes a while",
            () => session.LoadPluginsAsync(manifest, cancellationToken));
    }

    /// <summary>The error for plugins that failed: each one's name and the server's reason.</summary>
    public static CliException Failed(PluginLoadResult result) =>
        new(ExitCodes.Refused, "plugin_failed",
            $"{result.FailedPlugins.Count} plugin{(result.FailedPlugins.Count == 1 ? "" : "s")} failed to load: "
            + string.Join("; ", result.FailedPlugins.Select(f => $"{f.Key}: {f.Value}")));
}
