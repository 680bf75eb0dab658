using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// The real supervisor, started as its own process on a free port with a private runtime
/// directory. Its log goes to the test's output, so a failing test shows what the server saw.
/// </summary>
internal sealed partial class SupervisorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private SupervisorProcess(Process process, ITestOutputHelper output, string runtimeDirectory)
    {
        _process = process;
        _output = output;
        RuntimeDirectory = runtimeDirectory;
    }

    public string RuntimeDirectory { get; }

    public int ProcessId => _process.Id;

    public int Port => _port.Task.Result;

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The channel <see cref="Client"/> uses, for the server's other services.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    public CuvisAIService.CuvisAIServiceClient Client { get; private set; } = null!;

    public string Log => string.Join('\n', _log);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a supervisor without a worker pool; extra arguments override its configuration (<c>--Section:Key=value</c>).</summary>
    public static async Task<SupervisorProcess> StartAsync(ITestOutputHelper output, string runtimeDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Artifacts.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // No pool unless a test asks for one: tests count the workers a supervisor runs.
        foreach (var argument in (string[])[Artifacts.SupervisorAssembly, "--port", "0", "--runtime-dir", runtimeDirectory, "--Workers:PoolSize=0", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the supervisor.");
        var supervisor = new SupervisorProcess(process, output, runtimeDirectory);
        process.OutputDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => supervisor.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(supervisor._port.Task, exited).WaitAsync(StartTimeout);
        if (first != supervisor._port.Task)
        {
            throw new InvalidOperationException($"The supervisor exited with code {process.ExitCode} before listening:\n{supervisor.Log}");
        }

        supervisor.Channel = GrpcChannel.ForAddress($"http://{supervisor.Address}", new GrpcChannelOptions
        {
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        supervisor.Client = new CuvisAIService.CuvisAIServiceClient(supervisor.Channel);
        return supervisor;
    }

    /// <summary>
    /// Every live process of this supervisor's workers, sandbox layers included: the processes
    /// whose command line names the runtime directory (a plain worker, or the bubblewrap around
    /// a contained one), and all their descendants.
    /// </summary>
    public IReadOnlyList<int> SandboxProcesses() => ProcessTable.WithDescendants(ProcessTable.Find(RuntimeDirectory + "/"));

    /// <summary>Pids of live worker processes themselves (not their sandbox layers).</summary>
    public IReadOnlyList<int> WorkerPids() => [.. SandboxProcesses().Where(pid => ProcessTable.CommandName(pid) != "bwrap")];

    /// <summary>The pid of the worker serving <paramref name="sessionId"/>, as the supervisor logged it when the session was created.</summary>
    public int WorkerPidOf(string sessionId)
    {
        // The log line may trail the CreateSession answer by a moment.
        var pattern = new Regex($@"Session {Regex.Escape(sessionId)} created \(worker pid (\d+);");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Match match;
        while (!(match = pattern.Match(Log)).Success && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        match.Success.Should().BeTrue($"the supervisor logs the worker of session {sessionId}:\n{Log}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> CreateSessionAsync() =>
        (await Client.CreateSessionAsync(new CreateSessionRequest(), deadline: DateTime.UtcNow.AddSeconds(60))).SessionId;

    public async Task CloseSessionAsync(string sessionId) =>
        (await Client.CloseSessionAsync(new CloseSessionRequest { SessionId = sessionId }, deadline: DateTime.UtcNow.AddSeconds(30)))
        .Success.Should().BeTrue();

    /// <summary>SIGKILL: no chance to clean up, as after a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGTERM, as a service manager or Ctrl-C would stop it; waits for the exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Channel?.Dispose();
        if (!_process.HasExited)
        {
            try
            {
                await TerminateAsync();
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished.
        }

        if (!_port.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            _port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"supervisor listening on https?://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
