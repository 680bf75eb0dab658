namespace Cuvis.Sandbox.Cli.Errors;

/// <summary>A failure cuvis found itself (a local file, a plugin that did not load), with the exit code it ends the command with.</summary>
internal sealed class CliException(int exitCode, string kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Gets the process exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Gets the machine-readable kind of failure, as <c>--json</c> reports it.</summary>
    public string Kind { get; } = kind;

    public static CliException LocalFile(string path, string problem, Exception? inner = null) =>
        new(ExitCodes.LocalFile, "local_file", $"{path}: {problem}", inner);

    public static CliException Refused(string message) => new(ExitCodes.Refused, "refused", message);
}
