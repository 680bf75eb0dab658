using System.CommandLine;
using Cuvis.Sandbox.Bench;
using Cuvis.Sandbox.Tools;

var quick = new Option<bool>("--quick") { Description = "Fewer repetitions, and the slowest rows (plugin builds) left out: under two minutes on 2 cores." };
var report = new Option<string?>("--report") { Description = "Where to write the table (markdown); default: artifacts/reports/bench.md of this repository." };
var rows = new Option<string?>("--rows")
{
    Description = "Groups of rows to measure, comma-separated: " + string.Join(",", Enum.GetNames<BenchRows>().Select(n => n.ToLowerInvariant())) + "; default: all.",
};
var supervisorAssembly = new Option<string?>("--supervisor") { Description = "The supervisor to measure (Cuvis.Sandbox.Supervisor.dll); default: the one built beside this tool." };
var workerAssembly = new Option<string?>("--worker") { Description = "The worker the direct baseline starts (Cuvis.Sandbox.Worker.dll); default: the one built beside this tool." };
var workDirectory = new Option<string?>("--work-dir") { Description = "The run's directory (runtime dirs, caches, logs); default: a new temporary one." };
var keep = new Option<bool>("--keep") { Description = "Keep the work dir after a run that was made (one that could not be made always keeps it)." };

var root = new RootCommand(
    "Benchmark of a real Cuvis.Sandbox supervisor against baselines measured in the same run (a worker called directly, NumPy, a plain "
    + "dotnet build, the raw stub beside Cuvis.Sandbox.Client), with the targets of issue 10. Prints a markdown table and writes it to a file; exit code 0 when the run was made "
    + "(missed targets are marked, not an error), 2 when it could not be made. Other --Section:Key=value arguments go to every supervisor.")
{
    quick, report, rows, supervisorAssembly, workerAssembly, workDirectory, keep,
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(async (result, cancellationToken) =>
{
    var passThrough = result.UnmatchedTokens.ToArray();
    if (ToolArguments.FirstStray(passThrough) is { } stray)
    {
        Console.Error.WriteLine($"bench: unknown argument '{stray}'. Supervisor settings take the form --Section:Key=value; see --help.");
        return 2;
    }

    BenchSettings settings;
    try
    {
        settings = new BenchSettings
        {
            Quick = result.GetValue(quick),
            Rows = ParseRows(result.GetValue(rows)),
            SupervisorAssembly = ToolArguments.Existing(result.GetValue(supervisorAssembly) ?? ToolLayout.SupervisorAssembly, "--supervisor"),
            WorkerAssembly = ToolArguments.Existing(result.GetValue(workerAssembly) ?? ToolLayout.WorkerAssembly, "--worker"),
            RepositoryRoot = ToolLayout.InRepository(),
            WorkDirectory = Path.GetFullPath(result.GetValue(workDirectory) ?? Directory.CreateTempSubdirectory("cuvis-bench-").FullName),
            Keep = result.GetValue(keep),
            ReportPath = Path.GetFullPath(result.GetValue(report) ?? ToolLayout.InRepository("artifacts", "reports", "bench.md")),
            ExtraSupervisorArguments = passThrough,
        };
    }
    catch (ArgumentException exception)
    {
        Console.Error.WriteLine("bench: " + exception.Message);
        return 2;
    }

    BenchOutcome outcome;
    try
    {
        outcome = await BenchRun.RunAsync(settings, Console.Out);
    }
    catch (Exception exception) when (exception is InvalidOperationException or Cuvis.Sandbox.Client.CuvisSandboxException or Grpc.Core.RpcException or TimeoutException or IOException)
    {
        Console.Error.WriteLine($"bench: the run could not be made: {exception.Message} (run directory kept: {settings.WorkDirectory})");
        return 2;
    }

    var table = outcome.Render(settings, args, DateTimeOffset.Now);
    Console.WriteLine();
    Console.Write(table);
    Directory.CreateDirectory(Path.GetDirectoryName(settings.ReportPath)!);
    await File.WriteAllTextAsync(settings.ReportPath, table, cancellationToken);
    Console.WriteLine($"Written to {settings.ReportPath}");
    if (!outcome.Made)
    {
        Console.Error.WriteLine($"bench: part of the run could not be made ({string.Join("; ", outcome.Failures)}); run directory kept: {settings.WorkDirectory}");
        return 2;
    }

    if (!settings.Keep)
    {
        Directory.Delete(settings.WorkDirectory, recursive: true);
    }

    return 0;
});

return await root.Parse(args).InvokeAsync();

static IReadOnlyList<BenchRows> ParseRows(string? text)
{
    if (text is null)
    {
        return Enum.GetValues<BenchRows>();
    }

    var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var chosen = names.Select(name => Enum.TryParse<BenchRows>(name, ignoreCase: true, out var group) && Enum.IsDefined(group)
        ? group
        : throw new ArgumentException($"--rows: unknown group '{name}'; the groups are {string.Join(", ", Enum.GetNames<BenchRows>().Select(n => n.ToLowerInvariant()))}.")).ToHashSet();
    return chosen.Count > 0
        ? Enum.GetValues<BenchRows>().Where(chosen.Contains).ToArray()
        : throw new ArgumentException("--rows names no group.");
}
