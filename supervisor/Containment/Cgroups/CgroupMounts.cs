namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>The cgroup file systems mounted here (<c>/proc/self/mountinfo</c>) and this process's place in them (<c>/proc/self/cgroup</c>).</summary>
internal sealed record CgroupMounts(IReadOnlyList<CgroupMount> V1, CgroupMount? V2)
{
    public static CgroupMounts Read()
    {
        var v1 = new List<CgroupMount>();
        CgroupMount? v2 = null;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mount-point options [optional...] - fstype source super-options
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var fields = line[..separator].Split(' ');
            var tail = line[(separator + 3)..].Split(' ');
            if (fields.Length < 5 || tail.Length < 3)
            {
                continue;
            }

            var root = Unescape(fields[3]);
            var mountPoint = Unescape(fields[4]);
            if (tail[0] == "cgroup2")
            {
                // The first one wins: nested mounts of the same file system come later.
                v2 ??= new CgroupMount(mountPoint, root, new HashSet<string>());
            }
            else if (tail[0] == "cgroup")
            {
                v1.Add(new CgroupMount(mountPoint, root, tail[2].Split(',').ToHashSet(StringComparer.Ordinal)));
            }
        }

        return new CgroupMounts(v1, v2);
    }

    /// <summary>This process's cgroup in <paramref name="mount"/>, relative to the mount point.</summary>
    public static string OwnPath(CgroupMount mount, string? controller)
    {
        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            // hierarchy-id:controller-list:path
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var matches = controller is null
                ? parts[0] == "0" && parts[1].Length == 0
                : parts[1].Split(',').Contains(controller, StringComparer.Ordinal);
            if (matches)
            {
                // A mount of a subtree (containers do this) shows that subtree as its root.
                var path = parts[2];
                return mount.Root != "/" && path.StartsWith(mount.Root, StringComparison.Ordinal) ? path[mount.Root.Length..] : path;
            }
        }

        return "/";
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
