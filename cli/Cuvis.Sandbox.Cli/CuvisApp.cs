using Cuvis.Sandbox.Cli.Commands;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cuvis.Sandbox.Cli;

/// <summary>The command tree of <c>cuvis</c>, its help and its usage errors, for the program and for tests (Spectre's CommandAppTester).</summary>
internal static class CuvisApp
{
    public static async Task<int> RunAsync(string[] args, CliTerminal terminal, CancellationToken cancellationToken)
    {
        var app = new CommandApp();
        app.Configure(config => Configure(config, terminal, JsonRequested(args)));
        return await app.RunAsync(args, cancellationToken);
    }

    public static void Configure(IConfigurator config, CliTerminal terminal, bool json)
    {
        config.SetApplicationName("cuvis");
        config.UseAssemblyInformationalVersion();
        config.UseStrictParsing();
        config.ConfigureConsole(terminal.Out);
        config.Settings.Registrar.RegisterInstance(terminal);
        config.SetHelpProvider(new CuvisHelpProvider(config.Settings));
        config.CancellationExitCode(ExitCodes.Interrupted);
        config.SetExceptionHandler((exception, _) => UsageError(exception, terminal, json));

        config.AddCommand<NodesCommand>("nodes")
            .WithExample("nodes")
            .WithExample("nodes", "--manifest", "plugins.yaml", "--json");
        config.AddBranch("plugins", plugins =>
        {
            plugins.SetDescription("Plugins: load a manifest into a session.");
            plugins.AddCommand<PluginsLoadCommand>("load").WithExample("plugins", "load", "plugins.yaml");
        });
        config.AddCommand<RunCommand>("run")
            .WithExample("run", "examples/pipelines/rx_sandiego_decisions.yaml", "--cube", "data/hsi-anomaly/sandiego_plane.cube.npy", "--out", "out/");
        config.AddBranch("cache", cache =>
        {
            cache.SetDescription("The server's plugin cache.");
            cache.AddCommand<CacheClearCommand>("clear").WithExample("cache", "clear").WithExample("cache", "clear", "my_plugin");
        });
        config.AddCommand<DoctorCommand>("doctor").WithExample("doctor").WithExample("doctor", "--json");
    }

    private static bool JsonRequested(string[] args) => args.Contains("--json", StringComparer.Ordinal);

    /// <summary>A command line Spectre could not parse (or an exception no command caught): exit code 1, said as the user asked for it.</summary>
    private static int UsageError(Exception exception, CliTerminal terminal, bool json)
    {
        var error = exception is CommandAppException
            ? new CliError(ExitCodes.Usage, "usage", exception.Message, null, [])
            : CliError.From(exception, "");
        if (json)
        {
            return new CommandOutput(terminal, json: true).Fail(error);
        }

        if (exception is CommandAppException { Pretty: { } pretty })
        {
            terminal.Error.Write(pretty);
        }
        else
        {
            ErrorReport.Write(terminal.Error, error);
        }

        terminal.Error.MarkupLine("[grey]See 'cuvis --help'.[/]");
        return error.ExitCode;
    }
}
