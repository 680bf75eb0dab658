namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>
/// A sandbox's weight when the cores are contended (its quota, <see cref="CgroupLimits.Cpus"/>,
/// caps it either way): a pooled worker warming up yields to every live session and to the
/// supervisor, and gets the usual weight once a session binds it or waits for it.
/// </summary>
internal enum CpuShare
{
    /// <summary>
    /// A sixteenth of the default: <c>cpu.shares</c> 64 on v1, <c>cpu.weight</c> 6 on v2. Low enough
    /// that live sessions go first, high enough that a pooled worker still starts on a loaded
    /// machine (the kernel's lowest, 2, starved it past its start timeout).
    /// </summary>
    Background,

    /// <summary>The kernel's default: <c>cpu.shares</c> 1024, <c>cpu.weight</c> 100.</summary>
    Normal,
}
