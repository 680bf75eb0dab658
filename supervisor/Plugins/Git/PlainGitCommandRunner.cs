using CliWrap;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>Profile <c>none</c> (and unit tests): git as a plain child process with the supervisor's environment less credentials prompts.</summary>
internal sealed class PlainGitCommandRunner : IGitCommandRunner
{
    public async Task<int> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string repository,
        Action<string> onOutput, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GIT_ASKPASS"] = null, ["SSH_ASKPASS"] = null };
        foreach (var (name, value) in environment)
        {
            overrides[name] = value;
        }

        var result = await Cli.Wrap("git")
            .WithArguments(arguments)
            .WithEnvironmentVariables(overrides)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(BoundedLines.Target(onOutput))
            .WithStandardErrorPipe(BoundedLines.Target(onOutput))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        return result.ExitCode;
    }
}
