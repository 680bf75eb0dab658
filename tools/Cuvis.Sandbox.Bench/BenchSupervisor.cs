using System.Globalization;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Tools;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// One private supervisor of the run: its own port, runtime directory, plugin cache and log, the
/// settings it was started with (so the table can say what it measured), and a client to it.
/// </summary>
internal sealed class BenchSupervisor : IAsyncDisposable
{
    private readonly SupervisorProcess _process;
    private readonly GrpcChannel _channel;

    private BenchSupervisor(SupervisorProcess process, SupervisorLogBook log, IReadOnlyList<string> settings)
    {
        _process = process;
        Log = log;
        Settings = settings;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{process.Port.ToString(CultureInfo.InvariantCulture)}", new GrpcChannelOptions
        {
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        Client = new CuvisAIService.CuvisAIServiceClient(_channel);
    }

    public CuvisAIService.CuvisAIServiceClient Client { get; }

    public SupervisorLogBook Log { get; }

    /// <summary>The <c>--Section:Key=value</c> settings the bench chose for it (the user's own come after them).</summary>
    public IReadOnlyList<string> Settings { get; }

    public int ProcessId => _process.ProcessId;

    public string LogPath => _process.LogPath;

    /// <summary>Starts a supervisor named <paramref name="name"/> in its own folder of the run's directory.</summary>
    public static async Task<BenchSupervisor> StartAsync(BenchSettings bench, string name, params string[] settings)
    {
        var directory = Path.Combine(bench.WorkDirectory, name);
        Directory.CreateDirectory(directory);
        var log = new SupervisorLogBook();
        string[] arguments =
        [
            bench.SupervisorAssembly,
            "--port", "0",
            "--runtime-dir", Path.Combine(directory, "run"),
            "--Plugins:CacheDirectory=" + Path.Combine(directory, "cache"),
            .. settings,
            .. bench.ExtraSupervisorArguments,
        ];
        var process = await SupervisorProcess.StartAsync(ToolLayout.DotnetHost, arguments, Path.Combine(directory, "supervisor.log"), log.Read);
        return new BenchSupervisor(process, log, settings);
    }

    public async Task<string> CreateSessionAsync() =>
        (await Client.CreateSessionAsync(new CreateSessionRequest(), deadline: Deadlines.Control())).SessionId;

    public async Task CloseSessionAsync(string sessionId) =>
        await Client.CloseSessionAsync(new CloseSessionRequest { SessionId = sessionId }, deadline: Deadlines.Control());

    /// <summary>The pid of the worker process (not a sandbox layer) serving <paramref name="sessionId"/>, from the supervisor's log.</summary>
    public int WorkerOf(string sessionId)
    {
        // The log line may trail the CreateSession answer by a moment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var logged = Log.WorkerOf(sessionId);
        while (logged is null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
            logged = Log.WorkerOf(sessionId);
        }

        var pid = logged ?? throw new InvalidOperationException($"The supervisor logged no worker pid for session {sessionId} (see {LogPath}).");
        return ProcessMemory.IsWorker(pid)
            ? pid
            : throw new InvalidOperationException($"Pid {pid}, logged for session {sessionId}, is not a running Cuvis.Sandbox.Worker.dll.");
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _process.DisposeAsync();
    }
}
