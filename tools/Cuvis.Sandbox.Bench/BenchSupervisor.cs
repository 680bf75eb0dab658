using System.Globalization;
using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Tools;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// One private supervisor of the run: its own port, runtime directory, plugin cache and log, the
/// settings it was started with (so the table can say what it measured), and one channel to it
/// that both the client library and the raw generated stub use.
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
        // The client has one deadline for all its calls: the longest of a session's ordinary calls.
        Sandbox = new CuvisSandboxClient(_channel, new CuvisSandboxClientOptions { CallTimeout = Deadlines.InferenceTimeout });
        Builds = new CuvisSandboxClient(_channel, new CuvisSandboxClientOptions { CallTimeout = Deadlines.BuildTimeout });
        Stub = new CuvisAIService.CuvisAIServiceClient(_channel);
    }

    /// <summary>Cuvis.Sandbox.Client over the bench's channel: every session, pipeline and call of the rows that measure what a .NET caller sees.</summary>
    public CuvisSandboxClient Sandbox { get; }

    /// <summary>As <see cref="Sandbox"/>, for sessions whose calls may build a plugin.</summary>
    public CuvisSandboxClient Builds { get; }

    /// <summary>
    /// The raw generated stub over the same channel, for the calls a row must make without the
    /// client: the relay rows (both ways on raw stubs, so the difference is the relay's alone), the
    /// node-timing trailer, and the baseline of the client's own cost.
    /// </summary>
    public CuvisAIService.CuvisAIServiceClient Stub { get; }

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

    public Task<CuvisSession> CreateSessionAsync() => Sandbox.CreateSessionAsync();

    /// <summary>The pid of the worker process (not a sandbox layer) serving <paramref name="session"/>, from the supervisor's log.</summary>
    public int WorkerOf(CuvisSession session)
    {
        var sessionId = session.Id;
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
        Sandbox.Dispose();
        Builds.Dispose();
        _channel.Dispose();
        await _process.DisposeAsync();
    }
}
