using Polly;
using Polly.Retry;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>
/// How one session restarts its worker after a crash: every attempt (the restart a crash needs,
/// and each retry after a failed start or replay) spends one unit of a <see cref="RestartBudget"/>;
/// attempts back off exponentially with the restarts already spent in the window. Built on a
/// Polly retry pipeline driven by the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class RestartPolicy
{
    private readonly RestartBudget _budget;
    private readonly SessionOptions _options;
    private readonly TimeProvider _timeProvider;

    public RestartPolicy(SessionOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _budget = new RestartBudget(options.MaxRestarts, options.RestartWindow, timeProvider);
    }

    /// <summary>Restarts spent within the current window.</summary>
    public int Used => _budget.Used;

    /// <summary>True when the budget allows a restart now (nothing is spent).</summary>
    public bool CanRestart => _budget.HasRoom;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or the budget is spent; then throws
    /// <see cref="RestartBudgetSpentException"/> naming the last cause (the crash, or the last
    /// failed attempt). <paramref name="onRetry"/> hears of each failed attempt that is retried.
    /// </summary>
    public async Task<T> RestartAsync<T>(
        string crashCause, Func<CancellationToken, ValueTask<T>> attempt, Action<Exception, TimeSpan> onRetry, CancellationToken cancellationToken)
    {
        if (!_budget.TryConsume())
        {
            throw new RestartBudgetSpentException(crashCause);
        }

        var first = Backoff();
        if (first > TimeSpan.Zero)
        {
            await Task.Delay(first, _timeProvider, cancellationToken);
        }

        Exception? spentOn = null;
        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && e is not OperationCanceledException && Spend(e)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(Backoff()),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        try
        {
            return await pipeline.ExecuteAsync(attempt, cancellationToken);
        }
        catch (Exception e) when (ReferenceEquals(e, spentOn))
        {
            throw new RestartBudgetSpentException($"the restart after it failed: {e.Message} (after: {crashCause})", e);
        }

        bool Spend(Exception failure)
        {
            if (_budget.TryConsume())
            {
                return true;
            }

            spentOn = failure;
            return false;
        }
    }

    /// <summary>No wait for the first restart in the window; then RestartBackoff, doubling, capped.</summary>
    private TimeSpan Backoff()
    {
        var used = _budget.Used;
        if (used <= 1)
        {
            return TimeSpan.Zero;
        }

        var delay = _options.RestartBackoff * Math.Pow(2, Math.Min(used - 2, 20));
        return delay < _options.MaxRestartBackoff ? delay : _options.MaxRestartBackoff;
    }
}
