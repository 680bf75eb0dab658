namespace Cuvis.Sandbox.Fuzz.Tests;

/// <summary>The committed inputs of each target: <c>fuzz/corpus/&lt;target&gt;/</c> (AFL's seeds) and <c>fuzz/regressions/&lt;target&gt;/</c> (minimised findings).</summary>
internal static class FuzzInputs
{
    public static string FuzzDirectory { get; } = Path.Combine(FindRepositoryRoot(), "fuzz");

    public static IEnumerable<string> Files(string kind, string target)
    {
        var directory = Path.Combine(FuzzDirectory, kind, target);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(file => Path.GetFileName(file) != ".gitkeep").Order(StringComparer.Ordinal)
            : [];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cuvis.Sandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Cuvis.Sandbox.sln above {AppContext.BaseDirectory}.");
    }
}
