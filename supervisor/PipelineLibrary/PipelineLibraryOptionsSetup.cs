using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>Fills in the bundled directory and derived defaults, and makes every path absolute and real.</summary>
internal sealed class PipelineLibraryOptionsSetup : IPostConfigureOptions<PipelineLibraryOptions>, IValidateOptions<PipelineLibraryOptions>
{
    public void PostConfigure(string? name, PipelineLibraryOptions options)
    {
        options.Directory = Real(options.Directory.Length == 0 ? Path.Combine(AppContext.BaseDirectory, "pipelines") : options.Directory);
        options.SaveDirectory = options.SaveDirectory.Length == 0 ? options.Directory : Real(options.SaveDirectory);
        options.AllowedSearchRoots = options.AllowedSearchRoots.Count == 0 ? [options.Directory] : [.. options.AllowedSearchRoots.Select(Real)];
    }

    public ValidateOptionsResult Validate(string? name, PipelineLibraryOptions options)
    {
        var failures = new List<string>();
        if (!System.IO.Directory.Exists(options.Directory))
        {
            failures.Add($"Pipelines:Directory {options.Directory} does not exist; create it or point Pipelines:Directory at a directory of pipeline YAML files.");
        }

        if (!LibraryPath.IsUnder(options.SaveDirectory, options.Directory))
        {
            failures.Add($"Pipelines:SaveDirectory {options.SaveDirectory} is not inside Pipelines:Directory {options.Directory}, so saved pipelines would not be listed.");
        }

        if (options.MaxFileBytes is < 1024 or > 64 << 20 || options.MaxFiles is < 1 or > 100_000)
        {
            failures.Add("Pipelines:MaxFileBytes takes 1 KiB to 64 MiB and Pipelines:MaxFiles 1 to 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Real(string path)
    {
        var full = Path.GetFullPath(path);
        return System.IO.Directory.Exists(full) ? LibraryPath.RealPath(full) ?? full : full;
    }
}
