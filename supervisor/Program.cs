using Cuvis.Sandbox.Supervisor.Grpc;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;

// appsettings.json ships beside the binary; read it from there whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration
    .AddEnvironmentVariables("CUVIS_")
    .AddCommandLine(args, CommandLineSwitches.Map);
builder.Logging.AddSupervisorConsole();

builder.AddPublicEndpoint();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddWorkers(builder.Configuration);
builder.Services.AddSessions(builder.Configuration);
builder.Services.AddPlugins(builder.Configuration);
builder.Services.AddPublicGrpc();

var app = builder.Build();
app.MapGrpcService<CuvisAIGrpcService>();
app.AnnounceListeningAddresses();
await app.RunAsync();
