namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A worker ready to start: its sandbox (command, uid, cgroup) and the paths as the worker sees
/// them, which inside a sandbox differ from the supervisor's. Nothing here may assume the two
/// views are equal.
/// </summary>
/// <param name="Sandbox">The command and the resources it runs in; disposed once the worker is gone.</param>
/// <param name="HostEndpoint">Where the supervisor connects.</param>
/// <param name="WorkerEndpointAddress">Where the worker was told to listen (what its ready line names).</param>
/// <param name="WorkerPluginDirectory">The staged plugins directory as the worker sees it.</param>
/// <param name="Spec">The host directories.</param>
internal sealed record WorkerLaunch(
    Containment.Sandbox Sandbox,
    WorkerEndpoint HostEndpoint,
    string WorkerEndpointAddress,
    string WorkerPluginDirectory,
    WorkerLaunchSpec Spec)
{
    /// <summary>The path the worker sees for a plugin staged at <paramref name="hostPath"/> under <see cref="WorkerLaunchSpec.PluginDirectory"/>.</summary>
    public string ToWorkerPath(string hostPath) =>
        Path.Combine(WorkerPluginDirectory, Path.GetRelativePath(Spec.PluginDirectory, hostPath));
}
