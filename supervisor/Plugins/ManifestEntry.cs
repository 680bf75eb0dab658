namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>One entry of a manifest in its order: either a valid spec or the reason it is invalid.</summary>
internal sealed record ManifestEntry(string Name, PluginSpec? Spec, string? Error);
