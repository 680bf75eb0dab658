using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// The local NuGet feed holding the Cuvis.Sandbox.Contracts package that plugin projects
/// reference. Each build gets its own copy of the package and restores into a package folder of
/// its own, so no build can change what another restores, and a contracts package rebuilt under
/// the same version is never served stale.
/// </summary>
internal sealed class ContractsFeed(IOptions<PluginOptions> options)
{
    private const string PackageId = "Cuvis.Sandbox.Contracts";

    /// <summary>Folder holding the contracts .nupkg.</summary>
    public string Directory { get; } = options.Value.ContractsFeed;

    /// <summary>The newest contracts package; <see cref="PluginLoadException"/> naming the fix when there is none.</summary>
    public string FindPackage()
    {
        var package = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, PackageId + ".*.nupkg").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
        return package ?? throw new PluginLoadException(
            $"The {PackageId} package that plugins build against is missing from '{Directory}'. "
            + "Build the whole solution (./run.sh does) or set Plugins:ContractsFeed.");
    }
}
