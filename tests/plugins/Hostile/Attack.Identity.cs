using System.Net.NetworkInformation;
using System.Text;

namespace Hostile;

/// <summary>
/// <c>whoami</c>: not an attack but the reconnaissance before one. Reports, one <c>key=value</c>
/// per line, who the worker runs as and what it can see, so a test can check every layer from
/// inside: uid, gid, groups, capabilities, no_new_privs, seccomp, hostname, namespaces, cgroup,
/// rlimits, the pids in view and the network interfaces.
/// </summary>
public sealed partial class Attack
{
    private static readonly string[] StatusFields = ["Groups", "CapEff", "CapBnd", "NoNewPrivs", "Seccomp"];
    private static readonly string[] Namespaces = ["pid", "net", "mnt", "ipc", "uts", "user", "cgroup"];
    private static readonly string[] Limits = ["Max core file size", "Max open files", "Max address space", "Max processes"];

    private static string WhoAmI()
    {
        var report = new StringBuilder("succeeded: whoami\n");
        report.Append("uid=").Append(Libc.GetUserId()).Append('\n');
        report.Append("gid=").Append(Libc.GetGroupId()).Append('\n');
        foreach (var line in ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && StatusFields.Contains(line[..colon]))
            {
                report.Append(line[..colon]).Append('=').Append(line[(colon + 1)..].Trim()).Append('\n');
            }
        }

        report.Append("hostname=").Append(Environment.MachineName).Append('\n');
        foreach (var name in Namespaces)
        {
            report.Append("ns.").Append(name).Append('=').Append(LinkTarget($"/proc/self/ns/{name}")).Append('\n');
        }

        report.Append("cgroup=").Append(string.Join(";", ReadLines("/proc/self/cgroup"))).Append('\n');
        foreach (var line in ReadLines("/proc/self/limits").Where(line => Limits.Any(limit => line.StartsWith(limit, StringComparison.Ordinal))))
        {
            var parts = line[25..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            report.Append("limit.").Append(line[4..25].Trim().Replace(' ', '-')).Append('=').Append(parts.ElementAtOrDefault(0)).Append('\n');
        }

        var pids = VisiblePids().ToArray();
        report.Append("pids.count=").Append(pids.Length).Append('\n');
        report.Append("pids=").Append(string.Join(",", pids.Take(50))).Append('\n');
        report.Append("interfaces=").Append(string.Join(",", Interfaces())).Append('\n');
        return report.ToString();
    }

    private static string[] Interfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Select(i => $"{i.Name}[{string.Join(";", i.GetIPProperties().UnicastAddresses.Select(a => a.Address))}]")
                .ToArray();
        }
        catch (NetworkInformationException exception)
        {
            return [$"({exception.Message})"];
        }
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [$"({exception.GetType().Name}: {exception.Message})"];
        }
    }

    private static string LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "(not a link)";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"({exception.GetType().Name})";
        }
    }
}
