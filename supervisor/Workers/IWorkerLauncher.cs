namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Turns a launch request into the command that starts a worker, inside whatever containment
/// the profile asks for. The session and process lifecycle never look inside.
/// </summary>
internal interface IWorkerLauncher
{
    Task<WorkerLaunch> PrepareAsync(WorkerLaunchSpec spec);
}
