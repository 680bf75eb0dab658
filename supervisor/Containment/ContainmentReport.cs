using Cuvis.Sandbox.Supervisor.Containment.Cgroups;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>What the start-up probe found this host can do (<see cref="ContainmentProbe"/>).</summary>
/// <param name="Profile">The configured profile.</param>
/// <param name="Bubblewrap">The bubblewrap executable, when a test sandbox ran; null otherwise.</param>
/// <param name="SandboxProblem">Why no namespace sandbox is available, with the fix; empty when one is.</param>
/// <param name="Privileged">True when the supervisor runs as root (bubblewrap without a user namespace).</param>
/// <param name="SwitchUid">True when sandboxes get a uid of their own.</param>
/// <param name="Cgroups">The cgroup interface, when one is usable.</param>
/// <param name="SeccompFile">The seccomp program handed to bubblewrap, when the layer is on.</param>
/// <param name="Layers">One row per layer, for the log and the doctor.</param>
internal sealed record ContainmentReport(
    ContainmentProfile Profile,
    string? Bubblewrap,
    string SandboxProblem,
    bool Privileged,
    bool SwitchUid,
    CgroupDriver? Cgroups,
    string? SeccompFile,
    IReadOnlyList<ContainmentLayer> Layers)
{
    /// <summary>True when processes can be started in a namespace sandbox.</summary>
    public bool CanSandbox => Bubblewrap is not null;
}
