using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuvis.Sandbox.Tools;

/// <summary>
/// A supervisor a tool started for itself: its own process, its log written to a file and handed
/// line by line to the tool as it comes, its port read from the line that announces the listener.
/// </summary>
internal sealed partial class SupervisorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly Action<string> _onLine;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SupervisorProcess(Process process, StreamWriter log, Action<string> onLine, string logPath)
    {
        _process = process;
        _log = log;
        _onLine = onLine;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The port it listens on (known once <see cref="StartAsync"/> returned).</summary>
    public int Port => _port.Task.Result;

    public string Describe() => _process.HasExited
        ? $"exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
        : "running";

    /// <summary>Starts <c>dotnetHost arguments...</c> and returns once it listens; throws <see cref="InvalidOperationException"/> when it exits first.</summary>
    public static async Task<SupervisorProcess> StartAsync(string dotnetHost, IEnumerable<string> arguments, string logPath, Action<string> onLine)
    {
        var start = new ProcessStartInfo(dotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnetHost} {string.Join(' ', start.ArgumentList)}.");
        var supervisor = new SupervisorProcess(process, log, onLine, logPath);
        process.OutputDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var first = await Task.WhenAny(supervisor._port.Task, process.WaitForExitAsync()).WaitAsync(StartTimeout);
        if (first != supervisor._port.Task)
        {
            throw new InvalidOperationException($"The supervisor exited with code {process.ExitCode} before listening; its log is {logPath}.");
        }

        return supervisor;
    }

    /// <summary>The port a log line announces the listener on (EventId 2200), or null for any other line.</summary>
    public static int? ListeningPort(string line) =>
        Listening().Match(line) is { Success: true } listening
            ? int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture)
            : null;

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

        _onLine(line);
        if (ListeningPort(line) is { } port)
        {
            _port.TrySetResult(port);
        }
    }

    // EventId 2200.
    [GeneratedRegex(@"supervisor listening on http://[^\s]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
