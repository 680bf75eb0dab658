using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Settings;

/// <summary>The options every command takes: where the server is, how to authenticate, how to answer.</summary>
internal class GlobalSettings : CommandSettings
{
    public const string DefaultServer = "http://127.0.0.1:50051";

    public const string ServerVariable = "CUVIS_SERVER";

    public const string TokenVariable = "CUVIS_TOKEN";

    [CommandOption("--server <URL>")]
    [Description("The server's address, http:// or https:// (default: $CUVIS_SERVER, else " + DefaultServer + ").")]
    public string? Server { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("A bearer token sent with every call (default: $CUVIS_TOKEN; none when unset).")]
    public string? Token { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON document on stdout (errors too, with their exit code) and nothing else there; no progress display.")]
    public bool Json { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("A deadline for each call to the server, in seconds (default: none; plugin builds may take minutes).")]
    public double? Timeout { get; init; }

    /// <summary>Gets the server address from --server, else $CUVIS_SERVER, else the default.</summary>
    public string ServerAddress =>
        Server is { Length: > 0 } server ? server
        : Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultServer;

    /// <summary>Gets the token from --token, else $CUVIS_TOKEN, else none.</summary>
    public string? AccessToken =>
        Token is { Length: > 0 } token ? token : Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    public override ValidationResult Validate()
    {
        if (Timeout is { } seconds && !(seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds))
        {
            return ValidationResult.Error($"--timeout must be a positive number of seconds, not {seconds}.");
        }

        var address = ServerAddress;
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidationResult.Success()
            : ValidationResult.Error($"The server address '{address}' is not an http:// or https:// URL; write it as {DefaultServer}.");
    }
}
