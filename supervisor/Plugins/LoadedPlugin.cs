using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>A plugin loaded into a session's worker, as ListLoadedPlugins reports it and a recovery replays it.</summary>
/// <param name="Spec">The manifest entry it was loaded from.</param>
/// <param name="Commit">The resolved commit of a git plugin; "" for local plugins.</param>
/// <param name="StagedDirectory">The session's private copy of its build (host path), which every worker of the session gets linked in.</param>
/// <param name="MainAssembly">File name of its main assembly inside <paramref name="StagedDirectory"/>.</param>
internal sealed record LoadedPlugin(PluginSpec Spec, string Commit, string StagedDirectory, string MainAssembly)
{
    /// <summary>
    /// The worker request that loads this plugin's staged build into <paramref name="worker"/>:
    /// the build is linked into the worker's own plugins directory first (a recovery's new worker,
    /// or a pooled one, starts without it), and named as the worker sees it.
    /// </summary>
    public LoadPluginRequest StageInto(Worker worker)
    {
        var request = new LoadPluginRequest
        {
            Name = Spec.Name,
            Directory = worker.Launch.StagePlugin(StagedDirectory),
            MainAssembly = MainAssembly,
        };
        request.Provides.Add(Spec.Provides);
        return request;
    }
}
