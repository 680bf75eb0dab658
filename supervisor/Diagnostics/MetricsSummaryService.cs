using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// Logs the counters in one line every <see cref="DiagnosticsOptions.SummaryInterval"/> while at
/// least one session is open, so an operator without a metrics exporter still sees crashes,
/// recoveries and cache behaviour over time.
/// </summary>
internal sealed partial class MetricsSummaryService(
    SandboxMetrics metrics,
    IOptions<DiagnosticsOptions> options,
    TimeProvider timeProvider,
    ILogger<MetricsSummaryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SummaryInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var snapshot = metrics.Snapshot();
                if (snapshot.SessionsActive > 0)
                {
                    Log.Summary(logger, snapshot.Format());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2700, LogLevel.Information, "Summary: {Counters}")]
        public static partial void Summary(ILogger logger, string counters);
    }
}
