using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary>
/// What every command shares: its output (human or --json) and one place where whatever went wrong
/// becomes a message and an exit code (<see cref="CliError"/>), never a stack trace.
/// </summary>
internal abstract class CuvisCommand<TSettings>(CliTerminal terminal) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(terminal, settings.Json);
        try
        {
            return await RunAsync(settings, output, cancellationToken);
        }
        catch (Exception e)
        {
            return output.Fail(CliError.From(e, settings.ServerAddress));
        }
    }

    protected abstract Task<int> RunAsync(TSettings settings, CommandOutput output, CancellationToken cancellationToken);
}
