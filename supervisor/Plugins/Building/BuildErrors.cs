using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>Pulls the first compiler errors, with file and line, out of build output.</summary>
internal static partial class BuildErrors
{
    private const int MaxErrors = 5;

    /// <summary>Distinct error lines, paths made relative to <paramref name="sourceRoot"/>, project suffix removed.</summary>
    public static IReadOnlyList<string> Extract(string output, string sourceRoot)
    {
        var root = sourceRoot.TrimEnd('/') + "/";
        return output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => ErrorLine().IsMatch(line))
            .Select(line => ProjectSuffix().Replace(line, "").Replace(root, "", StringComparison.Ordinal).Trim())
            .Distinct(StringComparer.Ordinal)
            .Take(MaxErrors)
            .ToArray();
    }

    [GeneratedRegex(@"\berror [A-Z]+[0-9]+\s*:")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\s*\[[^\]]+\.csproj\]\s*$")]
    private static partial Regex ProjectSuffix();
}
