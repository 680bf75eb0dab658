using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// The local NuGet feed holding the Cuvis.Sandbox.Contracts package that plugin projects
/// reference, and the package folder plugin restores use. Plugin builds restore into a folder of
/// their own (not ~/.nuget/packages): the contracts package keeps its version within a major
/// release while its content changes between builds of this server, and NuGet never re-extracts
/// a version it has seen. When the feed's package changed, the stale extracted copy is dropped.
/// </summary>
internal sealed class ContractsFeed
{
    private const string PackageId = "Cuvis.Sandbox.Contracts";

    private readonly PluginOptions _options;
    private readonly Lazy<Task> _prepared;

    public ContractsFeed(IOptions<PluginOptions> options)
    {
        _options = options.Value;
        Directory = _options.ContractsFeed;
        PackagesFolder = Path.Combine(_options.CacheDirectory, "nuget-packages");
        _prepared = new Lazy<Task>(PrepareAsync);
    }

    /// <summary>Folder holding the contracts .nupkg.</summary>
    public string Directory { get; }

    /// <summary>NUGET_PACKAGES for plugin builds.</summary>
    public string PackagesFolder { get; }

    /// <summary>Checks the feed once and drops a stale extracted contracts package.</summary>
    public Task EnsurePreparedAsync() => _prepared.Value;

    private async Task PrepareAsync()
    {
        var package = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, PackageId + ".*.nupkg").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (package is null)
        {
            throw new PluginLoadException(
                $"The {PackageId} package that plugins build against is missing from '{Directory}'. "
                + "Build the whole solution (./run.sh does) or set Plugins:ContractsFeed.");
        }

        System.IO.Directory.CreateDirectory(PackagesFolder);
        await using var stream = File.OpenRead(package);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        var marker = Path.Combine(PackagesFolder, ".contracts.sha256");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == hash)
        {
            return;
        }

        var extracted = Path.Combine(PackagesFolder, PackageId.ToLowerInvariant());
        if (System.IO.Directory.Exists(extracted))
        {
            System.IO.Directory.Delete(extracted, recursive: true);
        }

        await File.WriteAllTextAsync(marker, hash);
    }
}
