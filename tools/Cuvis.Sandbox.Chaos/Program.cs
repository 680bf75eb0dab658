using System.CommandLine;
using System.Globalization;
using Cuvis.Sandbox.Chaos;
using Cuvis.Sandbox.Tools;

var sessions = new Option<int>("--sessions") { Description = "Sessions running at once.", DefaultValueFactory = _ => 8 };
var seconds = new Option<int>("--seconds") { Description = "How long the workload and the faults run.", DefaultValueFactory = _ => 60 };
var seed = new Option<int?>("--seed") { Description = "Seed of every random choice (not of the timing); random when not given." };
var rate = new Option<double>("--faults-per-minute") { Description = "Mean rate of injected faults.", DefaultValueFactory = _ => 30 };
var faults = new Option<string>("--faults") { Description = "Fault kinds, comma-separated: SIGKILL,SIGSEGV,SIGSTOP,OOM.", DefaultValueFactory = _ => "SIGKILL,SIGSEGV,SIGSTOP,OOM" };
var deadline = new Option<int>("--call-deadline") { Description = "Deadline of each workload call, in seconds.", DefaultValueFactory = _ => 15 };
var memory = new Option<int>("--memory-limit-mib") { Description = "Each worker's memory limit, which the OOM fault runs into.", DefaultValueFactory = _ => 256 };
var supervisorAssembly = new Option<string?>("--supervisor") { Description = "The supervisor to test (Cuvis.Sandbox.Supervisor.dll); default: the one built beside this tool." };
var pluginDirectory = new Option<string?>("--plugin") { Description = "ChaosKit's source directory; default: tools/ChaosKit of this repository." };
var workDirectory = new Option<string?>("--work-dir") { Description = "The run's directory (runtime dir, supervisor log); default: a new temporary one." };
var cacheDirectory = new Option<string?>("--cache-dir") { Description = "Plugin cache to use (reuse one to skip ChaosKit's cold build); default: inside the work dir." };
var keep = new Option<bool>("--keep") { Description = "Keep the work dir after a run that passed." };
var report = new Option<string?>("--report") { Description = "Also write the table to this file." };

var root = new RootCommand(
    "Chaos run against a real Cuvis.Sandbox supervisor: sessions run checked inference and load a plugin while their workers are "
    + "killed at random (SIGKILL, a segfault inside the worker, SIGSTOP until the deadline kill, OOM). Prints a table and verdicts; exit code 0 when every "
    + "invariant held, 1 when one did not, 2 when the run could not be made. Other --Section:Key=value arguments go to the supervisor.")
{
    sessions, seconds, seed, rate, faults, deadline, memory, supervisorAssembly, pluginDirectory, workDirectory, cacheDirectory, keep, report,
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(async (result, cancellationToken) =>
{
    var passThrough = result.UnmatchedTokens.ToArray();
    if (ToolArguments.FirstStray(passThrough) is { } stray)
    {
        Console.Error.WriteLine($"chaos: unknown argument '{stray}'. Supervisor settings take the form --Section:Key=value; see --help.");
        return 2;
    }

    ChaosSettings settings;
    try
    {
        settings = new ChaosSettings
        {
            Sessions = Positive(result.GetValue(sessions), "--sessions"),
            Duration = TimeSpan.FromSeconds(Positive(result.GetValue(seconds), "--seconds")),
            Seed = result.GetValue(seed) ?? Random.Shared.Next(),
            FaultsPerMinute = result.GetValue(rate) is > 0 and var r ? r : throw new ArgumentException("--faults-per-minute must be above 0."),
            Faults = [.. result.GetValue(faults)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(FaultKinds.Parse).Distinct()],
            CallDeadline = TimeSpan.FromSeconds(Positive(result.GetValue(deadline), "--call-deadline")),
            MemoryLimitBytes = (long)Positive(result.GetValue(memory), "--memory-limit-mib") << 20,
            SupervisorAssembly = ToolArguments.Existing(result.GetValue(supervisorAssembly) ?? ToolLayout.SupervisorAssembly, "--supervisor"),
            PluginDirectory = ToolArguments.Existing(result.GetValue(pluginDirectory) ?? ToolLayout.InRepository("tools", "ChaosKit"), "--plugin"),
            WorkDirectory = Path.GetFullPath(result.GetValue(workDirectory) ?? Directory.CreateTempSubdirectory("cuvis-chaos-").FullName),
            CacheDirectory = result.GetValue(cacheDirectory) is { } cache ? Path.GetFullPath(cache) : null,
            Keep = result.GetValue(keep),
            ReportPath = result.GetValue(report),
            ExtraSupervisorArguments = passThrough,
        };
        if (settings.Faults.Count == 0)
        {
            throw new ArgumentException("--faults names no fault kind.");
        }
    }
    catch (ArgumentException exception)
    {
        Console.Error.WriteLine("chaos: " + exception.Message);
        return 2;
    }

    ChaosReport outcome;
    try
    {
        outcome = await ChaosRun.RunAsync(settings, Console.Out);
    }
    catch (Exception exception) when (exception is InvalidOperationException or Grpc.Core.RpcException or TimeoutException or IOException)
    {
        Console.Error.WriteLine($"chaos: the run could not be made: {exception.Message} (run directory kept: {settings.WorkDirectory})");
        return 2;
    }

    var table = outcome.Render();
    Console.WriteLine();
    Console.Write(table);
    if (settings.ReportPath is { } path)
    {
        await File.WriteAllTextAsync(path, table, cancellationToken);
    }

    if (outcome.Passed && !settings.Keep)
    {
        Directory.Delete(settings.WorkDirectory, recursive: true);
    }

    return outcome.Passed ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();

static int Positive(int value, string option) =>
    value > 0 ? value : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be at least 1 (got {value})."));
