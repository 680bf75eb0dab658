using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Grpc;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.PipelineLibrary;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.SharedInputs;
using Cuvis.Sandbox.Supervisor.Visualization;
using Cuvis.Sandbox.Supervisor.Workers;

// --doctor: print the containment table for this host and exit (./run.sh doctor).
var doctor = args.Contains("--doctor", StringComparer.Ordinal);
args = [.. args.Where(a => a != "--doctor")];

// appsettings.json ships beside the binary; read it from there whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration
    .AddEnvironmentVariables("CUVIS_")
    .AddCommandLine(args, CommandLineSwitches.Map);
if (!builder.Logging.TryAddSupervisorConsole(builder.Configuration, out var logProblem))
{
    Console.Error.WriteLine($"Invalid setting: {logProblem}");
    return 2;
}

builder.AddPublicEndpoint();
builder.Services.AddAccess(builder.Configuration);
builder.Services.AddRequestBytesBudget();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDiagnostics(builder.Configuration);
builder.Services.AddContainment(builder.Configuration);
builder.Services.AddWorkers(builder.Configuration);
builder.Services.AddSharedInputs(builder.Configuration);
builder.Services.AddPipelineLibrary(builder.Configuration);
builder.Services.AddSessions(builder.Configuration);
builder.Services.AddPlugins(builder.Configuration);
builder.Services.AddVisualization(builder.Configuration);
builder.Services.AddPublicGrpc();

var app = builder.Build();
if (doctor)
{
    // Exit code 0 when workers can be contained here (or the profile asks for none).
    var report = await app.Services.GetRequiredService<ContainmentProbe>().GetReportAsync();
    Console.Out.Write(ContainmentTable.Format(report));
    app.Services.GetRequiredService<RuntimeDirectory>().Dispose();
    return report.CanSandbox || report.Profile == ContainmentProfile.None ? 0 : 1;
}

app.UseCallerAuthentication();
app.UseRequestBytesBudget();
app.MapPublicGrpc();
app.AnnounceListeningAddresses();
await app.RunAsync();
return 0;
