using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Calls;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.Tensors;
using Microsoft.Extensions.Logging.Console;

WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

using var termination = new WorkerTermination(arguments);
if (termination.ReadToken() is not { } token)
{
    await Console.Error.WriteLineAsync("Cuvis.Sandbox.Worker: stdin ended before the supervisor's secret arrived; the supervisor is gone.");
    return 3;
}

Directory.CreateDirectory(arguments.ScratchDirectory);

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    ContentRootPath = arguments.ScratchDirectory,
    EnvironmentName = Environments.Production,
});

// The handshake line is the only thing the worker itself writes to stdout; logs go to stderr,
// which the supervisor reads and tags with the session id and pid.
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = null;
});
builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

// One client (the supervisor) on one connection: run its frames' continuations on the socket's
// own thread instead of handing each to the thread pool, which saves a thread hop each way per
// call. The handlers that take long (Inference, WarmUp) run on the pool themselves.
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
    WorkerEndpoint.Listen(kestrel, arguments.Endpoint);
});
builder.Services.AddSingleton(arguments);
builder.Services.AddSingleton(new WorkerToken(token));
builder.Services.AddSingleton<WorkerSession>();
builder.Services.AddSingleton<RunningCalls>();
builder.Services.AddSingleton<SharedArenas>();
builder.Services.AddSingleton(services => new LargeCallMemory(arguments.ReleaseMemoryAfterBytes, arguments.ReleaseMemoryQuietPeriod, services.GetRequiredService<TimeProvider>()));
builder.Services.AddHostedService(services => services.GetRequiredService<SharedArenas>());
builder.Services.AddSingleton<CallChannel>();
builder.Services.AddHostedService(services => services.GetRequiredService<CallChannel>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPlugins();
builder.Services.AddPipelines();
builder.Services.AddWorkerGrpc(arguments.MaxMessageBytes);

var app = builder.Build();
app.MapGrpcService<SandboxWorkerGrpcService>();

var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cuvis.Sandbox.Worker");
termination.Arm();
await app.StartAsync();
WorkerLog.Listening(logger, arguments.Endpoint, Environment.ProcessId);
Console.Out.WriteLine(WorkerProtocol.FormatReadyLine(Environment.ProcessId, arguments.Endpoint));
Console.Out.Flush();

await app.WaitForShutdownAsync();
await app.DisposeAsync();
termination.RemoveOwnFiles();
return 0;
