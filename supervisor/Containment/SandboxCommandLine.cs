using System.Globalization;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Turns a <see cref="SandboxSpec"/> into the command that runs it, layer by layer:
/// <list type="number">
/// <item>a tiny <c>/bin/sh</c> step that writes its own pid into the cgroup, sets the rlimits and
/// opens the seccomp program, then execs bubblewrap, so nothing runs outside the cgroup even for a moment;</item>
/// <item>bubblewrap: new mount, pid, ipc, uts (and net) namespaces, a minimal read-only root,
/// no capabilities, a cleared environment, death with the supervisor;</item>
/// <item>as root, <c>setpriv</c> inside it: the sandbox's own uid, no groups, no capabilities, no_new_privs.</item>
/// </list>
/// </summary>
internal static class SandboxCommandLine
{
    // Fd on which the shell step hands bubblewrap the seccomp program.
    private const int SeccompFd = 3;

    private const string Launcher = """
        n=$1; shift
        while [ "$n" -gt 0 ]; do
          echo $$ > "$1" || { echo "cuvis-sandbox: cannot join cgroup $1" >&2; exit 125; }
          shift; n=$((n-1))
        done
        ulimit -c 0 && ulimit -n "$1" && ulimit -v "$2" || { echo "cuvis-sandbox: cannot set rlimits" >&2; exit 125; }
        if [ -n "$3" ]; then exec 3< "$3" || exit 125; fi
        shift 3
        exec "$@"
        """;

    // Top-level names a merged-/usr system links into /usr; mirrored as links or bound as they are.
    private static readonly string[] RootLinks = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

    public static WorkerCommand Build(
        ContainmentReport host, ContainmentOptions options, SandboxSpec spec, int? uid, SandboxCgroup? cgroup, string stateDirectory)
    {
        var procs = cgroup?.ProcsFiles ?? [];
        List<string> arguments =
        [
            "-c", Launcher.Replace("\r", "", StringComparison.Ordinal), "cuvis-sandbox",
            procs.Count.ToString(CultureInfo.InvariantCulture), .. procs,
            options.OpenFilesLimit.ToString(CultureInfo.InvariantCulture),
            (options.EffectiveAddressSpaceLimitBytes / 1024).ToString(CultureInfo.InvariantCulture),
            host.SeccompFile ?? "",
            host.Bubblewrap!,
            .. Bubblewrap(host, spec, uid, stateDirectory),
        ];

        if (uid is { } id)
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            arguments.AddRange(["setpriv", "--reuid", text, "--regid", text, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]);
        }

        arguments.AddRange(spec.Command);
        return new WorkerCommand("/bin/sh", arguments, ScrubbedEnvironment.Create(), stateDirectory);
    }

    private static List<string> Bubblewrap(ContainmentReport host, SandboxSpec spec, int? uid, string stateDirectory)
    {
        List<string> a =
        [
            "--die-with-parent", "--new-session",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--hostname", "cuvis-sandbox",
        ];
        if (!spec.Network)
        {
            a.Add("--unshare-net");
        }

        // Never --unshare-all: it adds a cgroup namespace, and .NET then no longer sees its limits.
        if (host.Privileged)
        {
            a.AddRange(["--cap-drop", "ALL"]);
            if (uid is not null)
            {
                // Only for setpriv, which drops them for good before the command runs.
                a.AddRange(["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"]);
            }
        }
        else
        {
            a.AddRange(["--unshare-user", "--cap-drop", "ALL"]);
        }

        if (host.SeccompFile is not null)
        {
            a.AddRange(["--seccomp", SeccompFd.ToString(CultureInfo.InvariantCulture)]);
        }

        a.Add("--clearenv");
        foreach (var (name, value) in spec.Environment)
        {
            a.AddRange(["--setenv", name, value]);
        }

        a.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var name in RootLinks)
        {
            var path = "/" + name;
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is { } target)
            {
                a.AddRange(["--symlink", target, path]);
            }
            else if (info.Exists)
            {
                a.AddRange(["--ro-bind", path, path]);
            }
        }

        a.AddRange(["--perms", "0755", "--dir", "/etc"]);
        WriteIdentity(stateDirectory, uid);
        a.AddRange(["--ro-bind", Path.Combine(stateDirectory, "passwd"), "/etc/passwd"]);
        a.AddRange(["--ro-bind", Path.Combine(stateDirectory, "group"), "/etc/group"]);
        foreach (var file in (string[])["/etc/ld.so.cache", "/etc/localtime", "/etc/ssl", "/etc/ca-certificates"])
        {
            a.AddRange(["--ro-bind-try", file, file]);
        }

        if (spec.Network)
        {
            foreach (var file in (string[])["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf"])
            {
                a.AddRange(["--ro-bind-try", file, file]);
            }
        }

        a.AddRange(["--dev", "/dev", "--proc", "/proc"]);
        var created = new HashSet<string>(StringComparer.Ordinal) { "/", "/usr", "/etc", "/dev", "/proc" };
        // The sandbox's uid must reach its cgroup's files: .NET sizes its thread pool, spinning and
        // GC by the CPU quota and memory limit it reads there, and sees the host's cores without them.
        CreateParents(a, created, "/sys/fs/cgroup");
        a.AddRange(["--ro-bind", "/sys/fs/cgroup", "/sys/fs/cgroup"]);
        foreach (var mount in spec.Mounts)
        {
            CreateParents(a, created, mount.SandboxPath);
            a.AddRange([mount.Writable ? "--bind" : "--ro-bind", mount.HostPath, mount.SandboxPath]);
        }

        if (spec.ScratchPath is { } scratch)
        {
            // Only the sandbox's uid lives inside; the sticky world-writable mode lets it write.
            CreateParents(a, created, scratch);
            a.AddRange(["--perms", "1777", "--size", spec.ScratchSizeBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", scratch]);
            // /tmp is the scratch tmpfs too: .NET keeps named mutexes there, and plugins expect it.
            if (!created.Contains("/tmp"))
            {
                a.AddRange(["--symlink", scratch, "/tmp"]);
            }
        }

        a.AddRange(["--chdir", spec.WorkingDirectory, "--"]);
        return a;
    }

    /// <summary>
    /// bubblewrap creates the missing parents of a mount point with mode 0700 when it runs as
    /// root, which the sandbox's uid could not traverse: create them first, readable by all.
    /// </summary>
    private static void CreateParents(List<string> arguments, HashSet<string> created, string path)
    {
        var parent = Path.GetDirectoryName(path);
        if (parent is null || created.Contains(parent))
        {
            return;
        }

        CreateParents(arguments, created, parent);
        arguments.AddRange(["--perms", "0755", "--dir", parent]);
        created.Add(parent);
    }

    private static void WriteIdentity(string stateDirectory, int? uid)
    {
        var id = (uid ?? (int)Libc.EffectiveUid).ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(stateDirectory, "passwd"), $"sandbox:x:{id}:{id}:Cuvis.Sandbox:/sandbox:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(stateDirectory, "group"), $"sandbox:x:{id}:\n");
    }
}
