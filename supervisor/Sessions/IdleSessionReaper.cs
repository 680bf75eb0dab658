using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// Closes idle sessions (<see cref="SessionOptions.IdleTimeout"/>) on a timer of the injected
/// clock, checking a few times per timeout (at least every minute) so a session outlives its
/// timeout by a small fraction at most.
/// </summary>
internal sealed class IdleSessionReaper(
    SessionRegistry sessions, IOptions<SessionOptions> options, TimeProvider timeProvider) : BackgroundService
{
    public static TimeSpan CheckInterval(TimeSpan idleTimeout)
    {
        var quarter = idleTimeout / 4;
        return quarter < TimeSpan.FromMinutes(1) ? quarter : TimeSpan.FromMinutes(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval(options.Value.IdleTimeout), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await sessions.CloseIdleAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
