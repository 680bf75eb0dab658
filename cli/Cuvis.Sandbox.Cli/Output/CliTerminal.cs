using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>
/// Where a command writes: tables and text to <see cref="Out"/>, errors to <see cref="Error"/>, the one
/// <c>--json</c> document to <see cref="Json"/> (raw, never wrapped), and whether progress may animate.
/// </summary>
internal sealed class CliTerminal(IAnsiConsole output, IAnsiConsole error, TextWriter json, bool interactive)
{
    private const int RedirectedWidth = 1000;

    public IAnsiConsole Out { get; } = output;

    public IAnsiConsole Error { get; } = error;

    public TextWriter Json { get; } = json;

    /// <summary>Gets a value indicating whether stdout is a terminal that shows live progress (not redirected).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>
    /// The process's own stdout and stderr. Redirected, they are not cut at Spectre's default 80
    /// columns: a log or a grep reads an error on one line.
    /// </summary>
    public static CliTerminal FromConsole()
    {
        var output = AnsiConsole.Console;
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = RedirectedWidth;
        }

        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = RedirectedWidth;
        }

        return new CliTerminal(output, error, Console.Out, !Console.IsOutputRedirected && output.Profile.Capabilities.Interactive);
    }
}
