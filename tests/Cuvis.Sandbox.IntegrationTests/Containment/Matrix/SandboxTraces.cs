using Cuvis.Sandbox.IntegrationTests.Infrastructure;

namespace Cuvis.Sandbox.IntegrationTests.Containment.Matrix;

/// <summary>
/// What a supervisor's sessions hold on the machine, read from outside: worker (<c>w-</c>) and
/// session (<c>s-</c>) directories and sockets under its runtime directory, and the cgroups it
/// made (<c>cuvis-&lt;pid&gt;-…</c>, in every hierarchy it lives in). Taken once while only the
/// healthy session is open, and again after the hostile sessions closed: what is new is left behind.
/// </summary>
internal sealed class SandboxTraces
{
    private readonly HashSet<string> _traces;

    private SandboxTraces(HashSet<string> traces) => _traces = traces;

    public static SandboxTraces Of(SupervisorProcess supervisor)
    {
        var root = supervisor.RuntimeDirectory;
        var traces = new HashSet<string>(StringComparer.Ordinal);
        traces.UnionWith(Safe(() => Directory.GetDirectories(root, "w-*", SearchOption.AllDirectories)).Select(d => "w- dir " + d));
        traces.UnionWith(Safe(() => Directory.GetDirectories(root, "s-*", SearchOption.AllDirectories)).Select(d => "s- dir " + d));
        traces.UnionWith(Safe(() => Directory.GetFiles(root, "*.sock", SearchOption.AllDirectories)).Select(f => "socket " + f));
        traces.UnionWith(CgroupsOf(supervisor.ProcessId).Select(name => "cgroup " + name));
        return new SandboxTraces(traces);
    }

    /// <summary>Names of what is here but not in <paramref name="before"/>.</summary>
    public IReadOnlyList<string> Since(SandboxTraces before) => [.. _traces.Except(before._traces).Order(StringComparer.Ordinal)];

    /// <summary>The names (<c>w-…</c>, <c>s-…</c>) of the worker and session directories in this snapshot.</summary>
    public IReadOnlyList<string> DirectoryNames() => Names(_traces);

    /// <summary>The names of the worker and session directories in this snapshot that <paramref name="before"/> did not have.</summary>
    public IReadOnlyList<string> NewDirectoryNames(SandboxTraces before) => Names(Since(before));

    private static string[] Names(IEnumerable<string> traces) =>
        [.. traces.Where(t => t.StartsWith("w- dir ", StringComparison.Ordinal) || t.StartsWith("s- dir ", StringComparison.Ordinal))
            .Select(t => Path.GetFileName(t["w- dir ".Length..]))];

    /// <summary>"nothing", or how many of each kind, e.g. "1 w- dir, 2 cgroup, 3 marked process".</summary>
    public static string Describe(IReadOnlyList<string> leftovers, int markedProcesses)
    {
        var counts = leftovers.GroupBy(t => t[..t.IndexOf(' ', 3)]).Select(g => $"{g.Count()} {g.Key}").ToList();
        if (markedProcesses > 0)
        {
            counts.Add($"{markedProcesses} marked process");
        }

        return counts.Count == 0 ? "nothing" : string.Join(", ", counts);
    }

    /// <summary>
    /// The cgroups named after <paramref name="supervisorPid"/>: in each cgroup hierarchy, beside
    /// and below the supervisor's own cgroup (on v2 it moves itself into a leaf beside its sandboxes).
    /// </summary>
    private static HashSet<string> CgroupsOf(int supervisorPid)
    {
        var prefix = $"cuvis-{supervisorPid}-";
        var paths = Safe(() => File.ReadAllLines($"/proc/{supervisorPid}/cgroup")).Select(line => line.Split(':', 3)[^1]).Distinct().ToArray();
        var mounts = Safe(() => File.ReadAllLines("/proc/self/mountinfo"))
            .Select(line => line.Split(" - ", 2))
            .Where(parts => parts.Length == 2 && parts[1].Split(' ')[0] is "cgroup" or "cgroup2")
            .Select(parts => parts[0].Split(' ')[4]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in mounts.SelectMany(mount => paths.Select(path => mount + path.TrimEnd('/'))))
        {
            foreach (var place in (string?[])[directory, Path.GetDirectoryName(directory)])
            {
                if (place is not null && Directory.Exists(place))
                {
                    names.UnionWith(Safe(() => Directory.GetDirectories(place, prefix + "*")).Select(Path.GetFileName)!);
                }
            }
        }

        return names;
    }

    private static string[] Safe(Func<string[]> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
