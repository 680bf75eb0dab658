using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Prepares sandboxes for workers and plugin builds with every layer the probe found working:
/// a uid of its own, a cgroup with its limits, then the command line that enters them.
/// On a host without a working namespace sandbox the strict profile refuses, naming the fix.
/// </summary>
internal sealed class SandboxFactory(ContainmentProbe probe, SandboxUidPool uids, IOptions<ContainmentOptions> options)
{
    public ContainmentOptions Options => options.Value;

    /// <summary>
    /// Rents a uid and a cgroup for <paramref name="spec"/> and returns the sandbox holding them.
    /// <paramref name="stateDirectory"/> is a supervisor-owned host directory for the sandbox's
    /// generated files (its /etc/passwd); the caller disposes the sandbox when the process is gone.
    /// </summary>
    /// <param name="spec">What to run and what it sees.</param>
    /// <param name="stateDirectory">Host directory for the sandbox's generated files.</param>
    /// <param name="sharedUid">
    /// A uid rented with <see cref="RentUidAsync"/> for several sandboxes in a row (the steps of
    /// one build); the caller returns it. Null rents one for this sandbox alone.
    /// </param>
    public async Task<Sandbox> CreateAsync(SandboxSpec spec, string stateDirectory, int? sharedUid = null)
    {
        var report = await RequireSandboxAsync();
        var ownsUid = sharedUid is null && report.SwitchUid;
        int? uid = ownsUid ? uids.Rent() : sharedUid;
        Cgroups.SandboxCgroup? cgroup = null;
        try
        {
            if (uid is { } owner)
            {
                foreach (var directory in spec.OwnedDirectories)
                {
                    GiveTree(directory, (uint)owner);
                }
            }

            if (report.Cgroups is { } driver)
            {
                var name = $"{Cgroups.CgroupDriver.NamePrefix}{Environment.ProcessId}-{spec.Role}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
                cgroup = driver.Create(name, spec.Limits);
            }

            var command = SandboxCommandLine.Build(report, options.Value, spec, uid, cgroup, stateDirectory);
            return new Sandbox(command, uid, cgroup, ownsUid ? uids : null);
        }
        catch
        {
            if (cgroup is not null)
            {
                await cgroup.DisposeAsync();
            }

            if (ownsUid && uid is { } rented)
            {
                uids.Return(rented);
            }

            throw;
        }
    }

    /// <summary>Rents a uid for several sandboxes in a row; null when sandboxes do not switch uid here.</summary>
    public async Task<int?> RentUidAsync() => (await RequireSandboxAsync()).SwitchUid ? uids.Rent() : null;

    public void ReturnUid(int? uid)
    {
        if (uid is { } rented)
        {
            uids.Return(rented);
        }
    }

    private async Task<ContainmentReport> RequireSandboxAsync()
    {
        var report = await probe.GetReportAsync();
        return report.CanSandbox
            ? report
            : throw new ContainmentUnavailableException(
                $"Containment:Profile is strict, but this host cannot confine plugin code: {report.SandboxProblem} "
                + "(For development only, Containment:Profile=none runs plugins unconfined.)");
    }

    /// <summary>
    /// Hands a directory tree the sandbox may write (its own sources, output, HOME) to its uid.
    /// Never descends through a link: one planted by an earlier step could point anywhere.
    /// </summary>
    private static void GiveTree(string root, uint uid)
    {
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var directory))
        {
            Libc.Lchown(directory, uid, uid);
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo && entry.LinkTarget is null)
                {
                    pending.Push(entry.FullName);
                }
                else
                {
                    Libc.Lchown(entry.FullName, uid, uid);
                }
            }
        }
    }
}
