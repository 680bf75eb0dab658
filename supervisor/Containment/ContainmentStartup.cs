namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// At start: probes the containment layers and logs one line for each, active or unavailable
/// and why; warns loudly under profile none; kills and removes cgroups a killed supervisor left.
/// </summary>
internal sealed partial class ContainmentStartup(
    ContainmentProbe probe, Diagnostics.SandboxMetrics metrics, ILogger<ContainmentStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await probe.GetReportAsync();
        metrics.ObserveContainment([.. report.Layers.Select(layer => (layer.Name, layer.Active))]);
        if (report.Profile == ContainmentProfile.None)
        {
            Log.ProfileNone(logger);
        }

        foreach (var layer in report.Layers)
        {
            if (layer.Active)
            {
                Log.LayerActive(logger, layer.Name, layer.Detail);
            }
            else if (layer.OffBy is { } setting && report.Profile == ContainmentProfile.Strict)
            {
                Log.LayerOff(logger, layer.Name, setting, layer.Detail);
            }
            else if (report.Profile == ContainmentProfile.Strict)
            {
                Log.LayerUnavailable(logger, layer.Name, layer.Detail, layer.Remedy);
            }
        }

        if (report.Profile == ContainmentProfile.Strict && !report.CanSandbox)
        {
            Log.FailingClosed(logger, report.SandboxProblem);
        }

        if (report.Cgroups is { } cgroups && await cgroups.SweepStaleAsync() is var removed and > 0)
        {
            Log.SweptCgroups(logger, removed);
        }

    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(2600, LogLevel.Information, "Containment layer {Layer}: active: {Detail}")]
        public static partial void LayerActive(ILogger logger, string layer, string detail);

        [LoggerMessage(2601, LogLevel.Warning, "Containment layer {Layer}: unavailable: {Detail}. To enable: {Remedy}")]
        public static partial void LayerUnavailable(ILogger logger, string layer, string detail, string remedy);

        [LoggerMessage(2602, LogLevel.Warning, "CONTAINMENT IS OFF (Containment:Profile=none): plugins run as plain processes with this server's rights and can read its files, reach the network and kill it. Development only.")]
        public static partial void ProfileNone(ILogger logger);

        [LoggerMessage(2603, LogLevel.Error, "Containment:Profile is strict but no namespace sandbox works here, so every CreateSession will be refused: {Problem}")]
        public static partial void FailingClosed(ILogger logger, string problem);

        [LoggerMessage(2606, LogLevel.Warning, "CONTAINMENT LAYER {Layer} IS OFF by {Setting}: {Detail}")]
        public static partial void LayerOff(ILogger logger, string layer, string setting, string detail);

        [LoggerMessage(2604, LogLevel.Information, "Removed {Count} cgroups left by supervisors that are no longer running")]
        public static partial void SweptCgroups(ILogger logger, int count);
    }
}
