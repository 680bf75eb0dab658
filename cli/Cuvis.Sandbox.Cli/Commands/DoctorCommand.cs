using System.ComponentModel;
using Cuvis.Sandbox.Cli.Connection;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Cuvis.Sandbox.Client;
using Grpc.Core;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Commands;

/// <summary><c>cuvis doctor</c>: whether the server answers, serves, and contains its sessions, layer by layer.</summary>
[Description("Ask the server how it contains sessions: its containment table, whether it serves, its sessions and pool. Exit code 0 when it serves with every layer active, 3 when not.")]
internal sealed class DoctorCommand(CliTerminal terminal) : CuvisCommand<GlobalSettings>(terminal)
{
    protected override async Task<int> RunAsync(GlobalSettings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        using var connection = new ServerConnection(settings);
        ServerStatus status;
        try
        {
            status = await output.StepAsync($"Asking {connection.Address}", () => connection.Client.GetServerStatusAsync(cancellationToken));
        }
        catch (CuvisSandboxException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            throw new CliException(ExitCodes.Refused, "not_cuvis_sandbox",
                $"{connection.Address} answers but serves no status ({e.Message}): it is a cuvis-ai server other than Cuvis.Sandbox, or an older Cuvis.Sandbox.");
        }

        var healthy = status.Serving && status.FullyContained;
        if (output.IsJson)
        {
            output.WriteJson(new
            {
                Server = connection.Address,
                Connected = true,
                Healthy = healthy,
                status.Version,
                status.Profile,
                status.Serving,
                Contained = status.FullyContained,
                status.Summary,
                Layers = status.Layers.Select(l => new { l.Name, l.State, l.Detail, Remedy = l.Remedy.Length > 0 ? l.Remedy : null }).ToList(),
                status.SessionsActive,
                status.MaxSessions,
                status.PoolReady,
                status.PoolTarget,
                UptimeSeconds = Math.Round(status.Uptime.TotalSeconds),
            });
        }
        else
        {
            Write(output.Console, connection.Address, status, healthy);
        }

        return healthy ? ExitCodes.Success : ExitCodes.Unavailable;
    }

    private static void Write(IAnsiConsole console, string address, ServerStatus status, bool healthy)
    {
        console.MarkupLine($"[bold]{Markup.Escape(address)}[/]: Cuvis.Sandbox {Markup.Escape(status.Version)}, profile [bold]{Markup.Escape(status.Profile)}[/], "
            + (status.Serving ? "[green]serving[/]" : "[red]not serving[/]")
            + $", {status.SessionsActive} of {status.MaxSessions} sessions, pool {status.PoolReady} of {status.PoolTarget}, up {status.Uptime:d\\.hh\\:mm\\:ss}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("layer").AddColumn("state").AddColumn("detail").AddColumn("remedy");
        foreach (var layer in status.Layers)
        {
            var colour = layer.IsActive ? "green" : layer.State == "off" ? "yellow" : "red";
            table.AddRow(new Text(layer.Name), new Markup($"[{colour}]{Markup.Escape(layer.State)}[/]"), new Text(layer.Detail),
                new Text(layer.Remedy.Length > 0 ? layer.Remedy : "-"));
        }

        console.Write(table);
        console.WriteLine(status.Summary);
        console.MarkupLine(healthy
            ? "[green]Serving, with every containment layer active.[/]"
            : $"[red]{(status.Serving ? "Serving, but not every containment layer is active" : "Not serving")}[/]: see the remedies above (exit code {ExitCodes.Unavailable}).");
    }
}
