using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// ssh repositories go through the git command line, and git runs the ssh a repository's URL
/// leads to: both run sandboxed. A stand-in ssh (Plugins:SshCommand) reports from inside.
/// </summary>
public sealed class SandboxedGitTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task SshFetch_RunsAsAUidOfItsOwn_WithAFreshHome_AndCannotReadTheServersFiles()
    {
        var canary = Work.Combine("server-secret.txt");
        await File.WriteAllTextAsync(canary, "canary-5d1e9b");
        var ssh = WriteSsh($"""
            echo "who: uid=$(id -u) home=$HOME agent=${"{"}SSH_AUTH_SOCK:-none{"}"} keys=$(ls -A "$HOME/.ssh" 2>/dev/null | tr '\n' ,)" >&2
            cat '{canary}' >&2
            exit 255
            """);
        var supervisor = await StartSupervisorAsync("--Plugins:SshCommand=" + ssh);
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("spy", Manifest.Git("git@fakehost:team/plugin", "v1.0.0", "Spy.Node"))));

        var error = response.FailedPlugins["spy"];
        error.Should().MatchRegex(@"who: uid=20[0-9]{8} home=/sandbox/home agent=none keys=\s", "ssh runs as a sandbox uid with a fresh HOME and no agent or keys");
        error.Should().Contain("No such file or directory").And.NotContain("canary-5d1e9b", "the server's files are not in the sandbox");
    }

    [Fact]
    public async Task SshClone_ThroughTheSandbox_LoadsThePlugin_AndTheCacheStaysTheSupervisors()
    {
        var origin = await PluginRepository.CreateAsync(Work, "Scaler", Path.Combine("ssh", "server", "team", "scaler"));
        var ssh = WriteSsh($$"""
            for last in "$@"; do :; done
            path=${last#"git-upload-pack '"}
            path=${path%"'"}
            # The repository belongs to the host's root; the sandbox's uid may read it.
            export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
            # Inside the sandbox this folder is shown read-only at another path: find the server beside the script.
            cd "$(dirname "$0")/server" && exec git-upload-pack "$path"
            """);
        var supervisor = await StartSupervisorAsync("--Plugins:SshCommand=" + ssh);
        var session = await supervisor.CreateSessionAsync();

        var response = await supervisor.LoadPluginsAsync(session, Manifest.Of(("scaler", Manifest.Git("git@fakehost:team/scaler", "v1.0.0", "Scaler.ScaleNode"))));

        response.FailedPlugins.Should().BeEmpty();
        response.LoadedPlugins.Should().Equal("scaler");
        var cloned = Directory.EnumerateDirectories(Work.Combine("cache", "git"), "git", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        var foreign = await Cli.Wrap("find").WithArguments([cloned, "!", "-uid", "0", "-o", "-perm", "/022"]).ExecuteBufferedAsync();
        foreign.StandardOutput.Should().BeEmpty("the clone is handed back to the supervisor and made read-only to everyone else after the fetch");
        _ = origin;
    }

    private string WriteSsh(string body)
    {
        var directory = Work.Combine("ssh");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "ssh");
        // git first probes an unknown ssh command with -G to learn whether it is OpenSSH.
        File.WriteAllText(path, "#!/bin/sh\ncase \" $* \" in *\" -G \"*) exit 255 ;; esac\n" + body.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, Executable);
        File.SetUnixFileMode(directory, Executable);
        return path;
    }
}
