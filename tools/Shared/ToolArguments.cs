namespace Cuvis.Sandbox.Tools;

/// <summary>The command-line checks both tools make: supervisor settings passed through, and paths that must exist.</summary>
internal static class ToolArguments
{
    /// <summary>The first token that is not a <c>--Section:Key=value</c> supervisor setting, or null when all are.</summary>
    public static string? FirstStray(IEnumerable<string> passThrough) =>
        passThrough.FirstOrDefault(token => !token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal));

    /// <summary>The full path of <paramref name="path"/>; throws <see cref="ArgumentException"/> naming <paramref name="option"/> when it does not exist.</summary>
    public static string Existing(string path, string option) =>
        File.Exists(path) || Directory.Exists(path)
            ? Path.GetFullPath(path)
            : throw new ArgumentException($"{option}: {path} does not exist{(option is "--supervisor" or "--worker" ? "; build first (./run.sh build)" : "")}.");
}
