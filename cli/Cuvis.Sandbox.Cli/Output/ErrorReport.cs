using Cuvis.Sandbox.Cli.Errors;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>An error for people: the message in red, then each field the server named with what is wrong there.</summary>
internal static class ErrorReport
{
    public static void Write(IAnsiConsole console, CliError error)
    {
        var status = error.Status is null ? "" : $" ({error.Status})";
        console.MarkupLine($"[red]error{Markup.Escape(status)}:[/] {Markup.Escape(error.Message)}");
        foreach (var violation in error.FieldViolations)
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(violation.Field)}[/]: {Markup.Escape(violation.Description)}");
        }
    }
}
