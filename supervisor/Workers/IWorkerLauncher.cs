namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Turns a launch request into the command that starts a worker. The session and process
/// lifecycle never look inside: swapping in a launcher that wraps the worker in containment
/// layers changes nothing else.
/// </summary>
internal interface IWorkerLauncher
{
    /// <summary>One line per active layer for the start-up log (e.g. "plain process").</summary>
    string Describe();

    WorkerCommand CreateCommand(WorkerLaunchSpec spec);
}
