using Cuvis.Sandbox.Tools;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// The supervisor under test: started as its own process with a private runtime directory and
/// plugin cache, its log written to a file and read for worker events as it comes.
/// </summary>
internal sealed class ChaosSupervisor : IAsyncDisposable
{
    private readonly SupervisorProcess _process;

    private ChaosSupervisor(SupervisorProcess process, string runtimeDirectory)
    {
        _process = process;
        RuntimeDirectory = runtimeDirectory;
    }

    public string RuntimeDirectory { get; }

    public int ProcessId => _process.ProcessId;

    public bool HasExited => _process.HasExited;

    public int Port => _process.Port;

    public string Describe() => _process.Describe();

    public static async Task<ChaosSupervisor> StartAsync(ChaosSettings settings, SessionBook book)
    {
        var runtime = Path.Combine(settings.WorkDirectory, "run");
        var process = await SupervisorProcess.StartAsync(
            ToolLayout.DotnetHost, settings.SupervisorArguments(runtime), Path.Combine(settings.WorkDirectory, "supervisor.log"),
            line => SupervisorLogReader.Read(line, book));
        return new ChaosSupervisor(process, runtime);
    }

    /// <summary>SIGTERM, as a service manager stops it; SIGKILL if it is still running a minute later.</summary>
    public Task StopAsync() => _process.StopAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
