namespace Cuvis.Sandbox.Supervisor.Containment.Cgroups;

/// <summary>One mounted cgroup hierarchy.</summary>
/// <param name="MountPoint">Where it is mounted.</param>
/// <param name="Root">The hierarchy path mounted there (usually "/").</param>
/// <param name="Controllers">Its controllers (v1 only).</param>
internal sealed record CgroupMount(string MountPoint, string Root, IReadOnlySet<string> Controllers);
