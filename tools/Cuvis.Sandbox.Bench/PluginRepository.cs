using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Bench;

/// <summary>A real git repository made from tests/plugins/Scaler, committed and tagged v1.0.0, loaded through a file:// URL.</summary>
internal sealed class PluginRepository
{
    public const string Name = "scaler";
    public const string Tag = "v1.0.0";
    public const string Node = "Scaler.ScaleNode";

    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    private PluginRepository(string path) => Path = path;

    public string Path { get; }

    public PluginManifest Manifest => new(new GitPlugin(Name, "file://" + Path, Tag, Node));

    public static string SourceOf(BenchSettings settings) => System.IO.Path.Combine(settings.RepositoryRoot, "tests", "plugins", "Scaler");

    public static async Task<PluginRepository> CreateAsync(BenchSettings settings, string path)
    {
        CopySources(SourceOf(settings), path);
        foreach (var arguments in (string[][])
                 [
                     ["init", "-q", "-b", "main"],
                     ["add", "-A"],
                     ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "Scaler"],
                     ["tag", Tag],
                 ])
        {
            await ChildProcess.RunCheckedAsync("git", arguments, path, GitTimeout);
        }

        return new PluginRepository(path);
    }

    /// <summary>Copies a project's files, its bin and obj left out.</summary>
    public static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(from, file);
            if (relative.Split('/').Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = System.IO.Path.Combine(to, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
