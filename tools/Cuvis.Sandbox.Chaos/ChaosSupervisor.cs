using System.Diagnostics;
using System.Globalization;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// The supervisor under test: started as its own process with a private runtime directory and
/// plugin cache, its log written to a file and read for worker events as it comes.
/// </summary>
internal sealed class ChaosSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly SessionBook _book;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChaosSupervisor(Process process, StreamWriter log, SessionBook book, string runtimeDirectory)
    {
        _process = process;
        _log = log;
        _book = book;
        RuntimeDirectory = runtimeDirectory;
    }

    public string RuntimeDirectory { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Describe() => _process.HasExited
        ? $"exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
        : "running";

    public static async Task<ChaosSupervisor> StartAsync(ChaosSettings settings, SessionBook book)
    {
        var runtime = Path.Combine(settings.WorkDirectory, "run");
        var start = new ProcessStartInfo(ChaosSettings.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in settings.SupervisorArguments(runtime))
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(Path.Combine(settings.WorkDirectory, "supervisor.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {settings.SupervisorAssembly}.");
        var supervisor = new ChaosSupervisor(process, log, book, runtime);
        process.OutputDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var first = await Task.WhenAny(supervisor._port.Task, process.WaitForExitAsync()).WaitAsync(StartTimeout);
        if (first != supervisor._port.Task)
        {
            throw new InvalidOperationException(
                $"The supervisor exited with code {process.ExitCode} before listening; its log is {settings.WorkDirectory}/supervisor.log.");
        }

        return supervisor;
    }

    public Task<int> PortAsync => _port.Task;

    /// <summary>SIGTERM, as a service manager stops it; SIGKILL if it is still running a minute later.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Signals.Send(_process.Id, Signals.Terminate);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.WaitForExit(); // drains the output readers
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        if (SupervisorLogReader.Read(line, _book) is { } port)
        {
            _port.TrySetResult(port);
        }
    }
}
