using System.Diagnostics;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>A real repository made with the git command line, standing in for a plugin's origin.</summary>
internal sealed class TestGitRepository
{
    private TestGitRepository(string path) => Path = path;

    public string Path { get; }

    public string FileUrl => new Uri(Path).AbsoluteUri;

    public static TestGitRepository Create(string path)
    {
        Directory.CreateDirectory(path);
        var repository = new TestGitRepository(path);
        repository.Git("init", "--quiet", "--initial-branch=main");
        repository.Git("config", "user.name", "Test Author");
        repository.Git("config", "user.email", "author@example.invalid");
        repository.Git("config", "commit.gpgsign", "false");
        return repository;
    }

    /// <summary>Writes the files (relative path to content) and commits everything; returns the full sha.</summary>
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (relative, content) in files)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "-m", message);
        return Head();
    }

    public string Head() => Git("rev-parse", "HEAD");

    public void Tag(string name) => Git("tag", name);

    public void AnnotatedTag(string name) => Git("tag", "-a", name, "-m", "release " + name);

    public void Branch(string name) => Git("branch", name);

    public void Switch(string branch) => Git("switch", "--quiet", branch);

    public string Git(params string[] arguments) => GitWithInput(null, arguments);

    public string GitWithInput(string? input, params string[] arguments)
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

        // The machine's own git configuration must not change what the tests see.
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', arguments)} did not finish within 30 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result.Trim();
    }
}
