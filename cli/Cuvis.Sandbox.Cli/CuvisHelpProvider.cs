using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Settings;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Cuvis.Sandbox.Cli;

/// <summary>Spectre's help, with the environment variables and the exit codes after it.</summary>
internal sealed class CuvisHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        var codes = new Grid().AddColumn(new GridColumn().PadLeft(3).PadRight(2)).AddColumn();
        foreach (var (code, meaning) in ExitCodes.All)
        {
            codes.AddRow(new Text(code.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(meaning));
        }

        return
        [
            .. base.GetFooter(model, command),
            new Markup($"[yellow]ENVIRONMENT:[/]\n   {GlobalSettings.ServerVariable}  the server (--server)\n   {GlobalSettings.TokenVariable}   the bearer token (--token)\n\n"),
            new Markup("[yellow]EXIT CODES:[/]\n"),
            codes,
        ];
    }
}
