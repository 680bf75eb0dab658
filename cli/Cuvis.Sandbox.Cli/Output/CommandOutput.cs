using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cuvis.Sandbox.Cli.Errors;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>
/// One command's output: human (tables, live progress when stdout is a terminal) or, with
/// <c>--json</c>, exactly one JSON document on stdout and nothing else there, errors included.
/// </summary>
internal sealed class CommandOutput(CliTerminal terminal, bool json)
{
    /// <summary>snake_case keys (dictionary keys such as output names stay as they are), indented, NaN as "NaN".</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool IsJson { get; } = json;

    /// <summary>Gets the console for human output; write to it only when <see cref="IsJson"/> is false.</summary>
    public IAnsiConsole Console => terminal.Out;

    /// <summary>Runs one step of the command under a live status line (a spinner and <paramref name="label"/>) when stdout is a terminal and not --json.</summary>
    public async Task<T> StepAsync<T>(string label, Func<Task<T>> step)
    {
        if (IsJson || !terminal.Interactive)
        {
            return await step();
        }

        return await terminal.Out.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(label), _ => step());
    }

    public Task StepAsync(string label, Func<Task> step) => StepAsync(label, async () =>
    {
        await step();
        return true;
    });

    /// <summary>Writes the command's JSON document (only with --json).</summary>
    public void WriteJson(object document)
    {
        terminal.Json.WriteLine(JsonSerializer.Serialize(document, document.GetType(), JsonOptions));
        terminal.Json.Flush();
    }

    /// <summary>Reports <paramref name="error"/> (as JSON on stdout with --json, else on stderr) and returns its exit code.</summary>
    public int Fail(CliError error)
    {
        if (IsJson)
        {
            WriteJson(new JsonError(new JsonErrorBody(error.ExitCode, error.Kind, error.Message, error.Status,
                [.. error.FieldViolations.Select(v => new JsonFieldViolation(v.Field, v.Description))])));
        }
        else
        {
            ErrorReport.Write(terminal.Error, error);
        }

        return error.ExitCode;
    }

    private sealed record JsonError(JsonErrorBody Error);

    private sealed record JsonErrorBody(int Code, string Kind, string Message, string? Status, IReadOnlyList<JsonFieldViolation> FieldViolations);

    private sealed record JsonFieldViolation(string Field, string Description);
}
