namespace Cuvis.Sandbox.Client;

/// <summary>A plugin loaded in a session.</summary>
/// <param name="Name">The name the manifest gave it.</param>
/// <param name="Kind">Git or local.</param>
/// <param name="Source">The repository URL or the directory, as the manifest gave it.</param>
/// <param name="Ref">The git ref as the manifest gave it; <see langword="null"/> for a local plugin.</param>
/// <param name="Provides">The node types it provides.</param>
/// <param name="Commit">The commit the ref resolved to (a Cuvis.Sandbox extension); <see langword="null"/> for a local plugin or a server that does not say.</param>
public sealed record PluginInfo(string Name, PluginKind Kind, string Source, string? Ref, IReadOnlyList<string> Provides, string? Commit);
