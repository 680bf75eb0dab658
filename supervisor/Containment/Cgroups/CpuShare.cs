namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>
/// A sandbox's weight when the cores are contended (its quota, <see cref="CgroupLimits.Cpus"/>,
/// caps it either way): a pooled worker warming up yields to every live session and to the
/// supervisor, and gets the usual weight once a session binds it or waits for it.
/// </summary>
internal enum CpuShare
{
    /// <summary>The lowest weight the kernel takes: <c>cpu.shares</c> 2 on v1, <c>cpu.weight</c> 1 on v2.</summary>
    Background,

    /// <summary>The kernel's default: <c>cpu.shares</c> 1024, <c>cpu.weight</c> 100.</summary>
    Normal,
}
