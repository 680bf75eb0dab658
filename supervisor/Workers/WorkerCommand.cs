using CliWrap;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// A process to start: the product of an <see cref="IWorkerLauncher"/>. Containment layers
/// (bubblewrap, an unprivileged uid, a cgroup) wrap a command in another command.
/// </summary>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments, unquoted.</param>
/// <param name="Environment">Variables to set; a null value removes an inherited variable.</param>
/// <param name="WorkingDirectory">Its working directory.</param>
internal sealed record WorkerCommand(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string WorkingDirectory)
{
    /// <summary>The CliWrap command that starts it; the caller adds pipes, and checks the exit code itself.</summary>
    public Command ToCli() =>
        Cli.Wrap(FileName)
            .WithArguments(Arguments)
            .WithWorkingDirectory(WorkingDirectory)
            .WithEnvironmentVariables(Environment)
            .WithValidation(CommandResultValidation.None);
}
