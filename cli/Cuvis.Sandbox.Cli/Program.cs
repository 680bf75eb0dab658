using Cuvis.Sandbox.Cli;
using Cuvis.Sandbox.Cli.Output;

// Ctrl+C cancels the command, which closes its session before it exits (130); a second one ends it at once.
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};

return await CuvisApp.RunAsync(args, CliTerminal.FromConsole(), interrupted.Token);
