using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Fuzz.Tests;

/// <summary>The committed inputs of each target: <c>fuzz/corpus/&lt;target&gt;/</c> (AFL's seeds) and <c>fuzz/regressions/&lt;target&gt;/</c> (minimised findings).</summary>
internal static class FuzzInputs
{
    public static string FuzzDirectory { get; } = RepositoryFiles.PathOf("fuzz");

    public static IEnumerable<string> Files(string kind, string target)
    {
        var directory = Path.Combine(FuzzDirectory, kind, target);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(file => Path.GetFileName(file) != ".gitkeep").Order(StringComparer.Ordinal)
            : [];
    }
}
