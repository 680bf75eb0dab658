using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>SetSessionSearchPaths' confinement: an absolute directory whose real path is inside one of <see cref="PipelineLibraryOptions.AllowedSearchRoots"/>.</summary>
internal sealed class SearchPathPolicy(IOptions<PipelineLibraryOptions> options)
{
    /// <returns>The accepted paths, real and absolute, and the rejected ones as given, each with why.</returns>
    public (List<string> Accepted, List<string> Rejected) Split(IEnumerable<string> paths)
    {
        var accepted = new List<string>();
        var rejected = new List<string>();
        foreach (var path in paths)
        {
            var real = path.Length is > 0 and <= LibraryPath.MaxLength && !path.Contains('\0') && Path.IsPathFullyQualified(path)
                ? LibraryPath.RealPath(path)
                : null;
            if (real is not null && Directory.Exists(real) && options.Value.AllowedSearchRoots.Any(root => LibraryPath.IsUnder(real, root)))
            {
                accepted.Add(real);
            }
            else
            {
                rejected.Add(path);
            }
        }

        return (accepted, rejected);
    }
}
