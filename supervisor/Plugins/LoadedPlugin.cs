namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>A plugin loaded into a session's worker, as ListLoadedPlugins reports it.</summary>
/// <param name="Spec">The manifest entry it was loaded from.</param>
/// <param name="Commit">The resolved commit of a git plugin; "" for local plugins.</param>
internal sealed record LoadedPlugin(PluginSpec Spec, string Commit);
