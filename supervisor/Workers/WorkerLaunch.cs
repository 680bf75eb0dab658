namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A worker ready to start: its sandbox (command, uid, cgroup) and the paths as the worker sees
/// them, which inside a sandbox differ from the supervisor's. Nothing here may assume the two
/// views are equal.
/// </summary>
/// <param name="Sandbox">The command and the resources it runs in; disposed once the worker is gone.</param>
/// <param name="HostEndpoint">Where the supervisor connects.</param>
/// <param name="WorkerEndpointAddress">Where the worker was told to listen (what its ready line names).</param>
/// <param name="WorkerPluginDirectory">The worker's plugins directory as it sees it.</param>
/// <param name="Spec">The host directories.</param>
internal sealed record WorkerLaunch(
    Containment.Sandbox Sandbox,
    WorkerEndpoint HostEndpoint,
    string WorkerEndpointAddress,
    string WorkerPluginDirectory,
    WorkerLaunchSpec Spec)
{
    /// <summary>
    /// Makes the session's staged copy of a plugin (<paramref name="stagedDirectory"/>, sealed
    /// read-only) visible to this worker, as hard links in its plugins directory: no bytes are
    /// copied, and the worker sees only what its session staged. Returns the path the worker sees.
    /// Linking again replaces what an earlier load under the same name left.
    /// </summary>
    public string StagePlugin(string stagedDirectory)
    {
        var name = Path.GetFileName(stagedDirectory);
        var linked = Path.Combine(Spec.PluginDirectory, name);
        if (Directory.Exists(linked))
        {
            Directory.Delete(linked, recursive: true);
        }

        HardLinkTree.Create(stagedDirectory, linked);
        return Path.Combine(WorkerPluginDirectory, name);
    }
}
