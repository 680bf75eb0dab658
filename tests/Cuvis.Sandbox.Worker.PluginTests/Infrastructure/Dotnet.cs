using System.Text;
using CliWrap;

namespace Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

/// <summary>Runs the dotnet CLI as a child process, killed at a deadline so a hang fails the run instead of stalling it.</summary>
internal static class Dotnet
{
    private static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; throws with the output if it fails or times out.</summary>
    public static async Task RunAsync(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var deadline = new CancellationTokenSource(timeout);
        var command = Cli.Wrap(Host)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(new Dictionary<string, string?>(environment)
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            })
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output));
        var commandLine = $"dotnet {string.Join(' ', arguments)}";
        try
        {
            var result = await command.ExecuteAsync(deadline.Token);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{commandLine}' exited with {result.ExitCode}:\n{output}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout} and was killed:\n{output}");
        }
    }
}
