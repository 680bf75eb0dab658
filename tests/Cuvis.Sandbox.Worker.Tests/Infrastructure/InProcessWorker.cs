using System.Net.Sockets;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Calls;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.Tensors;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cuvis.Sandbox.Worker.Tests.Infrastructure;

/// <summary>
/// The worker's gRPC service on a real Kestrel, on a Unix socket, with the interceptors and
/// services the worker's Program.cs registers; the client connects as the supervisor's does
/// (a SocketsHttpHandler with its default limits), so statuses and trailers cross a real channel.
/// Its call channel listens beside the socket, as in a real worker.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private const string Token = "in-process-worker-token";

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly DirectoryInfo _directory;

    private InProcessWorker(WebApplication app, GrpcChannel channel, DirectoryInfo directory)
    {
        _app = app;
        _channel = channel;
        _directory = directory;
        Client = new SandboxWorker.SandboxWorkerClient(channel);
    }

    public SandboxWorker.SandboxWorkerClient Client { get; }

    /// <summary>The worker's call channel (<see cref="WorkerProtocol.CallSocketFileName"/>), served as Program.cs serves it.</summary>
    public string CallSocketPath => Path.Combine(_directory.FullName, WorkerProtocol.CallSocketFileName);

    /// <summary>The worker's secret, which every call must carry.</summary>
    public static string Secret => Token;

    /// <summary>Every call carries the worker's secret, as the supervisor's do.</summary>
    public static CallOptions Call => new(
        headers: new Metadata { { WorkerProtocol.TokenHeader, Token } },
        deadline: DateTime.UtcNow.AddSeconds(30));

    /// <summary>Starts the worker bound to a session of its own, or blank (unbound) as a pooled worker starts; <paramref name="largeCalls"/> defaults to never collecting.</summary>
    public static async Task<InProcessWorker> StartAsync(bool bound = true, LargeCallMemory? largeCalls = null)
    {
        var directory = Directory.CreateTempSubdirectory("cuvis-worker-grpc-");
        var socket = Path.Combine(directory.FullName, "worker.sock");
        var arguments = new WorkerArguments($"unix:{socket}", directory.FullName, WorkerProtocol.Version, 64 * 1024 * 1024);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => WorkerEndpoint.Listen(kestrel, arguments.Endpoint));
        builder.Services.AddSingleton(arguments);
        builder.Services.AddSingleton(new WorkerToken(Token));
        builder.Services.AddSingleton(bound ? WorkerSession.BoundTo("in-process-session") : new WorkerSession());
        builder.Services.AddSingleton<RunningCalls>();
        builder.Services.AddSingleton<SharedArenas>();
        builder.Services.AddSingleton(largeCalls ?? new LargeCallMemory(0, TimeSpan.FromSeconds(1), TimeProvider.System));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPlugins();
        builder.Services.AddPipelines();
        builder.Services.AddWorkerGrpc();
        builder.Services.AddSingleton<CallChannel>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CallChannel>());

        var app = builder.Build();
        app.MapGrpcService<SandboxWorkerGrpcService>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var channel = GrpcChannel.ForAddress("http://worker", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(unix, ownsSocket: true);
                },
            },
        });
        return new InProcessWorker(app, channel, directory);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
