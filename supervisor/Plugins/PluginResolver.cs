using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Plugins.Git;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Fetches and builds the plugin a manifest entry names, through the caches shared by all
/// sessions. Runs in the supervisor but never loads plugin code: building happens in a separate
/// process and loading in the session's worker. Whatever comes from this machine's file system,
/// a local directory or a git repository given by path or <c>file://</c> URL, passes the one
/// <see cref="LocalPluginPolicy"/>; every plugin's sources are held to <see cref="SourceLimits"/>.
/// </summary>
internal sealed class PluginResolver(
    GitRepositoryCache git, PluginBuilder builder, LocalPluginPolicy localPolicy, IOptions<PluginOptions> options)
{
    public async Task<PreparedPlugin> PrepareAsync(PluginSpec spec, CancellationToken cancellationToken)
    {
        var limits = SourceLimits.From(options.Value);
        switch (spec)
        {
            case GitPluginSpec gitSpec:
                var repository = localPolicy.ResolveRepository(gitSpec.Repo);
                var checkout = await git.CheckoutAsync(spec.Name, repository, gitSpec.GitRef, limits, cancellationToken);
                var gitBuild = await builder.BuildAsync(
                    spec.Name, checkout.SourceDirectory, $"git-{checkout.CacheKey}-{checkout.Commit}", cancellationToken);
                return new PreparedPlugin(gitBuild, checkout.Commit);

            case LocalPluginSpec localSpec:
                var directory = localPolicy.Resolve(localSpec.Path);
                var hash = await SourceHash.ComputeAsync(directory, new SourceBudget(limits, spec.Name, directory), cancellationToken);
                var localBuild = await builder.BuildAsync(spec.Name, directory, $"local-{hash}", cancellationToken);
                return new PreparedPlugin(localBuild, "");

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown plugin kind.");
        }
    }

    /// <summary>Clears the shared caches of one plugin name ("" = all); returns the repositories removed.</summary>
    public async Task<int> ClearAsync(string pluginName, CancellationToken cancellationToken)
    {
        var repositories = await git.ClearAsync(pluginName, cancellationToken);
        builder.Remove(pluginName.Length == 0 ? null : pluginName);
        return repositories;
    }
}
