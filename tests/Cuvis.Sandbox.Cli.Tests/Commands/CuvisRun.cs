using Cuvis.Sandbox.Cli.Output;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Cuvis.Sandbox.Cli.Tests.Commands;

/// <summary>One cuvis command line through Spectre's CommandAppTester, with stdout, stderr and the --json stream captured apart.</summary>
internal sealed record CuvisRun(int ExitCode, string Out, string Error, string Json)
{
    public static async Task<CuvisRun> RunAsync(params string[] args)
    {
        var output = new TestConsole().Width(200);
        var error = new TestConsole().Width(200);
        var json = new StringWriter();
        var tester = new CommandAppTester(null, new CommandAppTesterSettings(), output);
        tester.Configure(config => CuvisApp.Configure(config, new CliTerminal(output, error, json, interactive: false), args.Contains("--json")));

        var result = await tester.RunAsync(args);

        return new CuvisRun(result.ExitCode, output.Output, error.Output, json.ToString());
    }
}
