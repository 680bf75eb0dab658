namespace Cuvis.Sandbox.Client;

/// <summary>
/// What <see cref="CuvisSession.LoadPluginsAsync"/> did with each entry of a manifest. One entry
/// failing (a build error, a missing type, an unknown repository) is an answer, not an exception:
/// the other entries still load.
/// </summary>
/// <param name="LoadedPlugins">The names of the plugins now loaded in the session.</param>
/// <param name="FailedPlugins">The plugins that failed, by name, with the server's reason (compiler errors with file and line, the type it could not import, ...).</param>
public sealed record PluginLoadResult(IReadOnlyList<string> LoadedPlugins, IReadOnlyDictionary<string, string> FailedPlugins)
{
    /// <summary>Gets a value indicating whether every entry loaded (<see cref="FailedPlugins"/> is empty).</summary>
    public bool AllLoaded => FailedPlugins.Count == 0;
}
