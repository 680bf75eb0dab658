using System.Net.Sockets;
using Cuvis.Sandbox.Protos.Framing;
using Cuvis.Sandbox.Protos.Worker.V1;
using Cuvis.Sandbox.Worker.Hosting;
using Grpc.Core;

namespace Cuvis.Sandbox.Worker.Calls;

/// <summary>
/// One connection of the call channel, served on a thread of its own: it blocks reading the next
/// call, runs the handler right there until the handler first waits (a quick call answers from
/// this thread, without a hop), and goes back to reading while a longer one runs on. The
/// supervisor sends one call at a time per connection and closes the connection to end a call
/// early, which cancels the handler; a frame that is not a call, or a second call while one
/// runs, ends the connection.
/// </summary>
internal sealed partial class CallConnection(
    Socket socket, FramedMethods methods, int maxMessageBytes, TimeProvider timeProvider, WorkerSession session, ILogger logger)
{
    private readonly Lock _gate = new();
    private RunningCall? _running;
    private bool _closed;

    public void Run()
    {
        using var reader = new CallFrameReader(maxMessageBytes);
        try
        {
            while (reader.Read(socket) is { } frame)
            {
                if (Volatile.Read(ref _running) is { } running)
                {
                    Log.Violation(logger, session.Id, $"a second call arrived while {running.Method} still runs");
                    break;
                }

                Start(FramedCall.Parser.ParseFrom(frame.Header.Span), frame.Payload);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            Log.Broken(logger, session.Id, e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or Google.Protobuf.InvalidProtocolBufferException)
        {
            Log.Violation(logger, session.Id, e.Message);
        }
        finally
        {
            lock (_gate)
            {
                // The supervisor closed the connection, or broke the protocol: either way it gets no
                // answer, and the call still running is given up.
                _closed = true;
                _running?.Abandon();
            }

            socket.Dispose();
        }
    }

    private void Start(FramedCall header, ReadOnlyMemory<byte> payload)
    {
        var timeout = header.TimeoutMicros > 0 ? TimeSpan.FromMicroseconds(header.TimeoutMicros) : Timeout.InfiniteTimeSpan;
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : timeProvider.GetUtcNow().UtcDateTime + timeout;
        var call = new RunningCall(header.Method, new CancellationTokenSource(timeout, timeProvider));
        Task<CallFrame> answer;
        if (methods.Find(header.Method) is not { } method)
        {
            answer = Task.FromResult(FramedAnswers.Failed(new Status(StatusCode.Unimplemented, $"The worker has no method {header.Method}."), null));
        }
        else
        {
            var context = new FramedServerCallContext(header.Method, deadline, CallMetadata.Read(header.Headers), call.Cancellation.Token);
            Volatile.Write(ref _running, call);
            answer = method.RunAsync(payload, context);
        }

        if (answer.IsCompleted)
        {
            Finish(call, answer);
        }
        else
        {
            answer.ContinueWith((done, state) => Finish((RunningCall)state!, done), call,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Finish(RunningCall call, Task<CallFrame> answer)
    {
        bool closed;
        lock (_gate)
        {
            // Cleared before the answer leaves: the supervisor may send its next call the moment it has it.
            if (ReferenceEquals(_running, call))
            {
                Volatile.Write(ref _running, null);
            }

            closed = _closed;
        }

        using var frame = call.DeadlinePassed
            ? Expired(answer)
            : answer.IsCompletedSuccessfully ? Fitted(call, answer.Result) : Broken(call, answer.Exception);
        call.Cancellation.Dispose();
        if (closed)
        {
            return;
        }

        try
        {
            socket.Send(frame.Bytes.Span);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The supervisor is gone or gave up on the call; nothing waits for this answer.
        }
    }

    private CallFrame Fitted(RunningCall call, CallFrame answer)
    {
        if (answer.PayloadLength <= maxMessageBytes)
        {
            return answer;
        }

        answer.Dispose();
        return FramedAnswers.Failed(new Status(StatusCode.ResourceExhausted,
            $"The answer to {call.Method} exceeds the largest message the supervisor takes ({maxMessageBytes} bytes)."), null);
    }

    private CallFrame Broken(RunningCall call, AggregateException? failure)
    {
        Log.AnswerFailed(logger, session.Id, call.Method, failure?.InnerException);
        return FramedAnswers.Failed(new Status(StatusCode.Internal, $"The worker could not build its answer to {call.Method}."), null);
    }

    /// <summary>A call past its deadline ends with DEADLINE_EXCEEDED, whatever its handler answered once cancelled, as over gRPC.</summary>
    private static CallFrame Expired(Task<CallFrame> answer)
    {
        if (answer.IsCompletedSuccessfully)
        {
            answer.Result.Dispose();
        }

        return FramedAnswers.Failed(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null);
    }

    private sealed class RunningCall(string method, CancellationTokenSource cancellation)
    {
        private volatile bool _abandoned;

        public string Method => method;

        public CancellationTokenSource Cancellation => cancellation;

        /// <summary>Cancelled, and not because the supervisor closed the connection: the deadline passed.</summary>
        public bool DeadlinePassed => cancellation.IsCancellationRequested && !_abandoned;

        public void Abandon()
        {
            _abandoned = true;
            cancellation.Cancel();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1021, LogLevel.Warning, "Worker for session {SessionId}: closed a call-channel connection: {Reason}")]
        public static partial void Violation(ILogger logger, string sessionId, string reason);

        [LoggerMessage(1023, LogLevel.Debug, "Worker for session {SessionId}: a call-channel connection broke: {Reason}")]
        public static partial void Broken(ILogger logger, string sessionId, string reason);

        [LoggerMessage(1022, LogLevel.Error, "Worker for session {SessionId}: could not build the answer to {Method}")]
        public static partial void AnswerFailed(ILogger logger, string sessionId, string method, Exception? exception);
    }
}
