namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>
/// Shell scripts used as <c>GitCacheOptions.SshCommand</c> in place of ssh. git calls them as
/// <c>ssh [options] user@host "git-upload-pack 'path'"</c>; they ignore the host and options.
/// Every call is appended to <c>ssh-calls.log</c> beside the script.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class StandInSsh
{
    /// <summary>Serves <c>user@anyhost:path</c> from <paramref name="serverDirectory"/>, once <paramref name="releaseFile"/> exists (if given).</summary>
    public static string UploadPack(string directory, string serverDirectory, string? releaseFile = null)
    {
        var wait = releaseFile is null ? "" : $"while [ ! -e '{releaseFile}' ]; do sleep 0.05; done\n";
        return Write(directory, "upload-pack-ssh", $$"""
            for last in "$@"; do :; done
            case "$last" in
              "git-upload-pack '"*"'") ;;
              *) echo "stand-in ssh: unexpected remote command: $last" >&2; exit 255 ;;
            esac
            path=${last#"git-upload-pack '"}
            path=${path%"'"}
            {{wait}}cd '{{serverDirectory}}' && exec git-upload-pack "$path"
            """);
    }

    /// <summary>Refuses the key, as ssh does for an unknown deploy key.</summary>
    public static string PermissionDenied(string directory) => Write(directory, "denied-ssh", """
        echo "git@fakehost: Permission denied (publickey)." >&2
        exit 255
        """);

    /// <summary>Never answers.</summary>
    public static string Hang(string directory) => Write(directory, "hanging-ssh", """
        exec sleep 120
        """);

    public static string CallLog(string directory) => Path.Combine(directory, "ssh-calls.log");

    private static string Write(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        // git first probes an unknown ssh command with -G to learn whether it is OpenSSH; say no
        // at once, so the probe neither logs nor blocks.
        File.WriteAllText(path, $$"""
            #!/bin/sh
            case " $* " in *" -G "*) exit 255 ;; esac
            printf '%s\n' "$*" >> '{{CallLog(directory)}}'
            {{body}}

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
