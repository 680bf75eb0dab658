using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// The opt-in operator endpoint (<c>Diagnostics:MetricsPort</c>): a small HTTP server of its own,
/// apart from the public gRPC port, serving the operator page at <c>/</c> and <c>/status.json</c>
/// (<see cref="StatusPage"/>) and Prometheus text at <c>/metrics</c>. prometheus-net's
/// meter adapter exports every <see cref="System.Diagnostics.Metrics.Meter"/> in the process, the
/// supervisor's <see cref="SandboxMetrics.MeterName"/> among them (<c>cuvis_*</c>), with
/// ASP.NET Core's and the runtime's.
/// </summary>
internal sealed partial class OperatorEndpoint(IOptions<DiagnosticsOptions> options, ServerStatusReader status, ILogger<OperatorEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MetricsPort is not { } port)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.Value.MetricsBindAddress), port);
        });
        var app = builder.Build();
        app.MapMetrics("/metrics");
        app.MapGet("/", async () => Results.Content(StatusPage.Html(await status.ReadAsync()), "text/html; charset=utf-8"));
        app.MapGet("/status.json", async () => Results.Bytes(StatusPage.Json(await status.ReadAsync()), "application/json"));
        // The meter adapter starts listening at its first collection: before that, measurements are
        // lost (a session opened then would leave cuvis_sessions_active one short for good). Started
        // before the pool and the sessions (hosted services start in order), it misses none of theirs.
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);
        await app.StartAsync(cancellationToken);
        _app = app;
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            Log.Listening(logger, address);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2800, LogLevel.Information, "Operator endpoint (status page at /, /status.json, Prometheus metrics at /metrics; no authentication) listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);
    }
}
