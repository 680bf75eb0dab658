namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>The limits one sandbox's cgroup enforces.</summary>
/// <param name="MemoryBytes">Memory limit; memory + swap is held to the same value.</param>
/// <param name="Cpus">CPU quota in cores.</param>
/// <param name="PidsMax">Most processes and threads.</param>
internal sealed record CgroupLimits(long MemoryBytes, double Cpus, int PidsMax);
