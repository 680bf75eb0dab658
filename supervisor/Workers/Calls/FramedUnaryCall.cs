using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers.Calls;

/// <summary>
/// The state of one call on a worker's call channel: its status and trailers once it is done,
/// and what ended it early (the caller's cancellation, its deadline, or disposal of the call),
/// which aborts the connection the call is waiting on.
/// </summary>
internal sealed class FramedUnaryCall<TResponse>
{
    private readonly Lock _gate = new();
    private Status? _status;
    private Metadata _trailers = [];
    private CallChannelConnection? _connection;
    private ITimer? _deadline;
    private EndReason _ended;

    private enum EndReason
    {
        None,
        Cancelled,
        DeadlinePassed,
        Disposed,
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException("Unable to get the trailers because the call is not complete.")
        : _trailers;

    /// <summary>The caller's cancellation fired.</summary>
    public void Cancel() => End(EndReason.Cancelled);

    /// <summary>The caller disposed of the call before it was done.</summary>
    public void Abort() => End(EndReason.Disposed);

    /// <summary>Ends the call when <paramref name="left"/> has passed.</summary>
    public void ArmDeadline(TimeProvider timeProvider, TimeSpan left) =>
        _deadline = timeProvider.CreateTimer(static state => ((FramedUnaryCall<TResponse>)state!).End(EndReason.DeadlinePassed), this, left, Timeout.InfiniteTimeSpan);

    public void Disarm() => _deadline?.Dispose();

    /// <summary>The call now waits on <paramref name="connection"/>; aborted at once if the call has already ended.</summary>
    public CallChannelConnection Attach(CallChannelConnection connection)
    {
        lock (_gate)
        {
            _connection = connection;
            if (_ended != EndReason.None)
            {
                connection.Abort();
            }
        }

        return connection;
    }

    /// <summary>The answer arrived; true when nothing ended the call meanwhile, so its connection is fit for the next one.</summary>
    public bool Detach()
    {
        lock (_gate)
        {
            _connection = null;
            return _ended == EndReason.None;
        }
    }

    public void Complete(Status status, Metadata trailers)
    {
        if (_status is null)
        {
            (_status, _trailers) = (status, trailers);
        }
    }

    /// <summary>The exception of a call that failed with <paramref name="status"/> before it reached the worker.</summary>
    public RpcException Fail(Status status)
    {
        Complete(status, []);
        return new RpcException(status);
    }

    /// <summary>
    /// The exception of a call whose connection failed with <paramref name="failure"/>: what
    /// ended it, if something did, or UNAVAILABLE with the failure as its debug exception, which
    /// is how gRPC reports a transport that broke.
    /// </summary>
    public RpcException Ended(Exception failure, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            End(EndReason.Cancelled);
        }

        return Fail(_ended switch
        {
            EndReason.Cancelled => new Status(StatusCode.Cancelled, "Call canceled by the client."),
            EndReason.DeadlinePassed => new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"),
            EndReason.Disposed => new Status(StatusCode.Cancelled, "gRPC call disposed."),
            _ => new Status(StatusCode.Unavailable, $"The worker's call channel failed: {failure.Message}", failure),
        });
    }

    private void End(EndReason reason)
    {
        lock (_gate)
        {
            if (_ended == EndReason.None)
            {
                _ended = reason;
            }

            _connection?.Abort();
        }
    }
}
