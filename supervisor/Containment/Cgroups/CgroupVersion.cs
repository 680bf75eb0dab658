namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>Which cgroup interface holds the memory, cpu and pids controllers on this host.</summary>
internal enum CgroupVersion
{
    /// <summary>One hierarchy per controller (<c>/sys/fs/cgroup/memory</c>, ...).</summary>
    V1,

    /// <summary>The unified hierarchy (<c>memory.max</c>, <c>cpu.max</c>, <c>cgroup.kill</c>).</summary>
    V2,
}
