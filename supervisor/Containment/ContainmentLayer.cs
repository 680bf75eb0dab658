namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>One row of the start-up report and of <c>./run.sh doctor</c>.</summary>
/// <param name="Name">The layer ("namespaces", "uid", "cgroups", ...).</param>
/// <param name="Active">Whether it confines workers and builds on this host.</param>
/// <param name="Detail">What it does here, or why it is unavailable.</param>
/// <param name="Remedy">How to enable it; empty when active.</param>
/// <param name="OffBy">The setting that turned the layer off on purpose (<c>Containment:Seccomp=false</c>); null otherwise.</param>
internal sealed record ContainmentLayer(string Name, bool Active, string Detail, string Remedy = "", string? OffBy = null)
{
    /// <summary>"active", "off" (turned off by <see cref="OffBy"/>) or "unavailable" (this host cannot).</summary>
    public string State => Active ? "active" : OffBy is null ? "unavailable" : "off";
}
