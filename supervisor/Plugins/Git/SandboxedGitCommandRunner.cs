using System.Security.Cryptography;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>
/// Profile <c>strict</c>: git (and the ssh it starts) runs in a sandbox with the host's network,
/// a uid of its own and a fresh HOME: no server credentials, no SSH_AUTH_SOCK, no ~/.ssh of the
/// server's. It may write only the repository it fetches into, which is handed back to the
/// supervisor and made read-only afterwards. Deployment keys and known_hosts come from
/// <see cref="PluginOptions.SshDirectory"/>, copied into the sandbox's HOME.
/// </summary>
internal sealed class SandboxedGitCommandRunner(
    SandboxFactory sandboxes, ProcessSpawnThread spawnThread, string workRoot, string sshDirectory) : IGitCommandRunner
{
    private const string Home = "/sandbox/home";
    private const string Repository = "/sandbox/repo";
    private const string SshProgram = "/sandbox/ssh";

    public async Task<int> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string repository,
        Action<string> onOutput, CancellationToken cancellationToken)
    {
        var options = sandboxes.Options;
        var state = Path.Combine(workRoot, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        var home = Path.Combine(state, "home");
        Directory.CreateDirectory(home);
        try
        {
            if (sshDirectory.Length > 0)
            {
                CopySshDirectory(Path.Combine(home, ".ssh"));
            }

            var inside = new Dictionary<string, string>(environment, StringComparer.Ordinal)
            {
                ["PATH"] = "/usr/bin:/bin",
                ["HOME"] = Home,
                ["TMPDIR"] = "/sandbox/scratch",
            };
            var mounts = new List<SandboxMount> { new(repository, Repository, Writable: true), new(home, Home, Writable: true) };
            // An ssh program outside /usr (a wrapper of the deployment's) is shown read-only.
            if (environment.TryGetValue("GIT_SSH_COMMAND", out var ssh) && ssh.Split(' ')[0] is var program
                && Path.IsPathFullyQualified(program) && !program.StartsWith("/usr/", StringComparison.Ordinal))
            {
                mounts.Add(new SandboxMount(Path.GetDirectoryName(program)!, SshProgram));
                inside["GIT_SSH_COMMAND"] = SshProgram + "/" + Path.GetFileName(program) + ssh[program.Length..];
            }

            await using var sandbox = await sandboxes.CreateAsync(new SandboxSpec
            {
                Role = "git",
                Command = ["/usr/bin/git", .. arguments.Select(a => a.Replace(repository, Repository, StringComparison.Ordinal))],
                Environment = inside,
                WorkingDirectory = Home,
                Mounts = mounts,
                ScratchPath = "/sandbox/scratch",
                ScratchSizeBytes = 64L * 1024 * 1024,
                Network = true,
                Limits = new CgroupLimits(options.BuildMemoryLimitBytes, Environment.ProcessorCount, options.BuildPidsMax),
                OwnedDirectories = [repository, home],
            }, state);
            var cli = sandbox.Command.ToCli()
                .WithStandardInputPipe(CliWrap.PipeSource.Null)
                .WithStandardOutputPipe(BoundedLines.Target(onOutput))
                .WithStandardErrorPipe(BoundedLines.Target(onOutput));
            try
            {
                // The sandbox dies with the thread that starts it: start it on the long-lived one.
                var running = await spawnThread.InvokeAsync(() => cli.ExecuteAsync(cancellationToken));
                return (await running).ExitCode;
            }
            finally
            {
                // What git wrote becomes the supervisor's, read-only to every sandbox.
                if (Directory.Exists(repository))
                {
                    PublishedEntry.Seal(repository);
                }
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private void CopySshDirectory(string target)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(sshDirectory))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            // ssh refuses keys others can read; the sandbox's uid gets them (OwnedDirectories).
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
