using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// A real git repository made by the test from one of tests/plugins/, loaded through a file://
/// URL as a user would load a plugin from their Git server.
/// </summary>
internal sealed class PluginRepository
{
    private PluginRepository(string path) => Path = path;

    public string Path { get; }

    public string Url => "file://" + Path;

    public static string SourceOf(string plugin) => System.IO.Path.Combine(Artifacts.RepositoryRoot, "tests", "plugins", plugin);

    /// <summary>Copies tests/plugins/<paramref name="plugin"/> into a new repository, commits and tags it v1.0.0.</summary>
    public static Task<PluginRepository> CreateAsync(TempDirectory parent, string plugin, string? name = null) =>
        CreateFromAsync(SourceOf(plugin), parent.Combine(name ?? plugin.ToLowerInvariant()));

    /// <summary>Copies the files of <paramref name="source"/> (bin and obj left out) into a new repository at <paramref name="path"/>, commits and tags it v1.0.0.</summary>
    public static async Task<PluginRepository> CreateFromAsync(string source, string path)
    {
        CopyDirectory(source, path);
        var repository = new PluginRepository(path);
        await repository.GitAsync("init", "-q", "-b", "main");
        await repository.CommitAsync("initial");
        await repository.GitAsync("tag", "v1.0.0");
        return repository;
    }

    public async Task<string> CommitAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", message);
        return await HeadAsync();
    }

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Trim();

    public async Task<string> GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.ExitCode.Should().Be(0, $"git {string.Join(' ', arguments)} failed: {await stderr}");
        return await stdout;
    }

    public static void CopyDirectory(string from, string to)
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
            File.Copy(file, target, overwrite: true);
        }
    }
}

/// <summary>Builds manifest JSON exactly as cuvis-ai's PluginManifest.model_dump_json() renders it.</summary>
internal static class Manifest
{
    public static object Git(string repo, string gitRef, params string[] provides) => new { provides, repo, @ref = gitRef };

    public static object Local(string path, params string[] provides) => new { provides, path };

    public static Google.Protobuf.ByteString Of(params (string Name, object Config)[] plugins) =>
        Google.Protobuf.ByteString.CopyFrom(JsonSerializer.Serialize(new { plugins = plugins.ToDictionary(p => p.Name, p => p.Config) }), Encoding.UTF8);
}
