using Cuvis.Sandbox.Cli.Errors;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>
/// An error for people: the message (the server's own lists every problem), then the fields the
/// server named, on one line: its descriptions repeat the message's problems, cut shorter.
/// </summary>
internal static class ErrorReport
{
    public static void Write(IAnsiConsole console, CliError error)
    {
        var status = error.Status is null ? "" : $" ({error.Status})";
        console.MarkupLine($"[red]error{Markup.Escape(status)}:[/] {Markup.Escape(error.Message)}");
        if (error.FieldViolations.Count > 0)
        {
            var fields = string.Join(", ", error.FieldViolations.Select(v => v.Field).Distinct(StringComparer.Ordinal));
            console.MarkupLine($"[yellow]field{(error.FieldViolations.Count == 1 ? "" : "s")}:[/] {Markup.Escape(fields)}");
        }
    }
}
