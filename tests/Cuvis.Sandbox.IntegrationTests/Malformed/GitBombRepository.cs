using System.Diagnostics;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

/// <summary>
/// A git repository whose commit checks out to far more than it holds, made with git's plumbing
/// (git add refuses such trees; a hostile server serves them all the same): trees naming one
/// subtree many times over, or folders nested deeper than any plugin.
/// </summary>
internal sealed class GitBombRepository
{
    private GitBombRepository(string path) => Path = path;

    public string Path { get; }

    public string Url => "file://" + Path;

    /// <summary><paramref name="levels"/> levels of <paramref name="width"/> folders, each naming the level below; the bottom names one blob <paramref name="files"/> times.</summary>
    public static async Task<GitBombRepository> WideAsync(string path, byte[] blob, int width, int levels, int files)
    {
        var repository = await InitAsync(path);
        await File.WriteAllBytesAsync(System.IO.Path.Combine(path, "blob"), blob);
        var id = await repository.GitAsync(null, "hash-object", "-w", "blob");
        var tree = await repository.GitAsync(string.Concat(Enumerable.Range(0, files).Select(i => $"100644 blob {id}\tf{i}\n")), "mktree");
        for (var level = 0; level < levels; level++)
        {
            tree = await repository.GitAsync(string.Concat(Enumerable.Range(0, width).Select(i => $"040000 tree {tree}\td{i}\n")), "mktree");
        }

        await repository.CommitTreeAsync(tree);
        return repository;
    }

    /// <summary>One file under <paramref name="depth"/> nested folders.</summary>
    public static async Task<GitBombRepository> DeepAsync(string path, int depth)
    {
        var repository = await InitAsync(path);
        var id = await repository.GitAsync("x", "hash-object", "-w", "--stdin");
        var tree = await repository.GitAsync($"100644 blob {id}\tplugin.txt\n", "mktree");
        for (var level = 0; level < depth; level++)
        {
            tree = await repository.GitAsync($"040000 tree {tree}\td\n", "mktree");
        }

        await repository.CommitTreeAsync(tree);
        return repository;
    }

    private static async Task<GitBombRepository> InitAsync(string path)
    {
        Directory.CreateDirectory(path);
        var repository = new GitBombRepository(path);
        await repository.GitAsync(null, "init", "-q", "-b", "main");
        return repository;
    }

    private async Task CommitTreeAsync(string tree)
    {
        var commit = await GitAsync(null, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit-tree", tree, "-m", "bomb");
        await GitAsync(null, "update-ref", "refs/heads/main", commit);
        await GitAsync(null, "tag", "v1.0.0", commit);
    }

    private async Task<string> GitAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.ExitCode.Should().Be(0, $"git {string.Join(' ', arguments)} failed: {await stderr}");
        return (await stdout).Trim();
    }
}
