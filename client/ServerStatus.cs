namespace Cuvis.Sandbox.Client;

/// <summary>What a Cuvis.Sandbox server is and how it contains its sessions, from <see cref="CuvisSandboxClient.GetServerStatusAsync"/>.</summary>
/// <param name="Version">The server's version.</param>
/// <param name="Profile">Its containment profile: <c>strict</c> or <c>none</c>.</param>
/// <param name="Serving">Whether it accepts new sessions now: false under the strict profile without a working sandbox, or while it shuts down.</param>
/// <param name="Summary">One sentence on how sessions are contained there.</param>
/// <param name="Layers">One row per containment layer, as <c>cuvis doctor</c> prints them.</param>
/// <param name="SessionsActive">Sessions open on the whole server.</param>
/// <param name="MaxSessions">How many sessions it holds at most.</param>
/// <param name="PoolReady">Pre-started workers waiting for a session now.</param>
/// <param name="PoolTarget">How many pre-started workers it keeps.</param>
/// <param name="Uptime">How long the server has run.</param>
public sealed record ServerStatus(
    string Version,
    string Profile,
    bool Serving,
    string Summary,
    IReadOnlyList<ContainmentLayerStatus> Layers,
    int SessionsActive,
    int MaxSessions,
    int PoolReady,
    int PoolTarget,
    TimeSpan Uptime)
{
    /// <summary>Gets a value indicating whether every layer is active.</summary>
    public bool FullyContained => Layers.Count > 0 && Layers.All(layer => layer.IsActive);
}

/// <summary>One containment layer of a server.</summary>
/// <param name="Name">The layer: <c>namespaces</c>, <c>uid</c>, <c>cgroups</c>, <c>seccomp</c>...</param>
/// <param name="State"><c>active</c>, <c>unavailable</c> (the host cannot) or <c>off</c> (turned off by a setting).</param>
/// <param name="Detail">What it does there, or why it is unavailable.</param>
/// <param name="Remedy">How to enable it; empty when it is active.</param>
public sealed record ContainmentLayerStatus(string Name, string State, string Detail, string Remedy)
{
    /// <summary>Gets a value indicating whether the layer confines the server's workers.</summary>
    public bool IsActive => State == "active";
}
