using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>Fills in the automatic defaults of <see cref="PluginOptions"/> and checks them at start.</summary>
internal sealed class PluginOptionsSetup : IPostConfigureOptions<PluginOptions>, IValidateOptions<PluginOptions>
{
    public void PostConfigure(string? name, PluginOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            options.CacheDirectory = Path.Combine(
                string.IsNullOrEmpty(cacheHome)
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                    : cacheHome,
                "cuvis-sandbox");
        }

        options.CacheDirectory = Path.GetFullPath(options.CacheDirectory);
        if (string.IsNullOrWhiteSpace(options.ContractsFeed))
        {
            var here = AppContext.BaseDirectory;
            string[] candidates =
            [
                Path.Combine(here, "feed"),
                // artifacts/bin/<Project>/<configuration>/ -> artifacts/package/<configuration>/
                Path.GetFullPath(Path.Combine(here, "..", "..", "..", "package", new DirectoryInfo(here).Name)),
            ];
            options.ContractsFeed = candidates.FirstOrDefault(Directory.Exists) ?? candidates[^1];
        }

        options.LocalRoots = options.LocalRoots.Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => Path.TrimEndingDirectorySeparator(r.Trim())).ToList();
    }

    public ValidateOptionsResult Validate(string? name, PluginOptions options)
    {
        var relative = options.LocalRoots.Where(r => !Path.IsPathFullyQualified(r)).ToArray();
        return relative.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Plugins:LocalRoots must be absolute paths; got {string.Join(", ", relative)}.");
    }
}
