using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>
/// Creates per-sandbox cgroups under the supervisor's own cgroup, on whichever interface holds
/// the memory, cpu and pids controllers here: cgroup v2 where they are delegated to us, v1
/// otherwise. <see cref="Detect"/> says which, or why neither works.
/// </summary>
internal sealed class CgroupDriver
{
    private static readonly string[] Controllers = ["memory", "cpu", "pids"];

    // v1: the supervisor's cgroup directory in each controller's hierarchy; v2: one directory.
    private readonly IReadOnlyList<string> _parents;

    private CgroupDriver(CgroupVersion version, IReadOnlyList<string> parents)
    {
        Version = version;
        _parents = parents;
    }

    public CgroupVersion Version { get; }

    /// <summary>Prefix of every cgroup this server creates; the supervisor's pid follows.</summary>
    public const string NamePrefix = "cuvis-";

    public string Describe() => Version == CgroupVersion.V2
        ? $"cgroup v2 under {_parents[0]}"
        : $"cgroup v1 under {string.Join(", ", _parents)}";

    /// <summary>Finds a usable interface, or returns null with the reason.</summary>
    public static CgroupDriver? Detect(out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "cgroups exist on Linux only";
            return null;
        }

        var mounts = CgroupMounts.Read();
        var v2Problem = "no cgroup2 file system is mounted";
        if (mounts.V2 is { } v2)
        {
            var own = Path.Combine(v2.MountPoint, CgroupMounts.OwnPath(v2, controller: null).TrimStart('/'));
            var driver = TryV2(own, out v2Problem);
            if (driver is not null)
            {
                reason = "";
                return driver;
            }
        }

        // A cgroup v2 subtree can be delegated to an ordinary user; v1 hierarchies need root.
        if (Libc.EffectiveUid != 0)
        {
            reason = $"cgroup v2: {v2Problem}; cgroup v1 needs root, and the supervisor is not root";
            return null;
        }

        var parents = new List<string>();
        foreach (var controller in Controllers)
        {
            if (mounts.V1.FirstOrDefault(m => m.Controllers.Contains(controller)) is not { } mount)
            {
                reason = $"cgroup v2: {v2Problem}; cgroup v1: the {controller} controller is not mounted";
                return null;
            }

            var own = Path.Combine(mount.MountPoint, CgroupMounts.OwnPath(mount, controller).TrimStart('/'));
            if (!File.Exists(Path.Combine(own, "cgroup.procs")))
            {
                reason = $"cgroup v2: {v2Problem}; cgroup v1: the supervisor's {controller} cgroup {own} is not visible";
                return null;
            }

            if (!parents.Contains(own, StringComparer.Ordinal))
            {
                parents.Add(own);
            }
        }

        reason = "";
        return new CgroupDriver(CgroupVersion.V1, parents);
    }

    /// <summary>Creates the cgroup <paramref name="name"/> with <paramref name="limits"/> in every hierarchy.</summary>
    public SandboxCgroup Create(string name, CgroupLimits limits)
    {
        var directories = _parents.Select(parent => Path.Combine(parent, name)).ToArray();
        var cgroup = new SandboxCgroup(Version, directories);
        try
        {
            foreach (var directory in directories)
            {
                Directory.CreateDirectory(directory);
            }

            cgroup.Apply(limits);
            return cgroup;
        }
        catch
        {
            cgroup.RemoveEmpty();
            throw;
        }
    }

    /// <summary>Kills and removes the cgroups of supervisors that are no longer running.</summary>
    public async Task<int> SweepStaleAsync()
    {
        var removed = 0;
        foreach (var name in _parents.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateDirectories(p, NamePrefix + "*") : [])
                     .Select(Path.GetFileName).Distinct(StringComparer.Ordinal))
        {
            var owner = name![NamePrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId
                && !Directory.Exists($"/proc/{pid}"))
            {
                var stale = new SandboxCgroup(Version, _parents.Select(p => Path.Combine(p, name)).Where(Directory.Exists).ToArray());
                await stale.DisposeAsync();
                removed++;
            }
        }

        return removed;
    }

    private static CgroupDriver? TryV2(string own, out string problem)
    {
        var available = ReadWords(Path.Combine(own, "cgroup.controllers"));
        var missing = Controllers.Where(c => !available.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            problem = $"controllers {string.Join(", ", missing)} are not available in {own}";
            return null;
        }

        var enabled = ReadWords(Path.Combine(own, "cgroup.subtree_control"));
        if (Controllers.All(enabled.Contains))
        {
            problem = "";
            return new CgroupDriver(CgroupVersion.V2, [own]);
        }

        // cgroup v2 lets a cgroup hand controllers to children only while it holds no processes
        // itself: move the supervisor into a leaf of its own first, as container runtimes do.
        try
        {
            var leaf = Path.Combine(own, NamePrefix + "supervisor");
            Directory.CreateDirectory(leaf);
            File.WriteAllText(Path.Combine(leaf, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(own, "cgroup.subtree_control"), string.Join(' ', Controllers.Select(c => "+" + c)));
            problem = "";
            return new CgroupDriver(CgroupVersion.V2, [own]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot enable {string.Join(", ", Controllers)} for children of {own} ({e.Message}); "
                + "run the supervisor in a cgroup of its own with those controllers delegated";
            return null;
        }
    }

    private static HashSet<string> ReadWords(string path)
    {
        try
        {
            return [.. File.ReadAllText(path).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
