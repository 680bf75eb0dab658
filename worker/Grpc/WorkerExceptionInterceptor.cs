using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Schemas;
using Cuvis.Sandbox.Worker.Tensors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// The worker's one place where domain exceptions become gRPC status codes. The supervisor
/// passes these statuses to the client unchanged.
/// </summary>
/// <remarks>
/// A request with field-level problems (a rejected pipeline document, refused run inputs, a
/// malformed tensor) also carries them as google.rpc rich status details, a field violation per
/// problem (<see cref="BadRequestStatus"/>; <see cref="ProblemFields"/> spells the paths).
/// </remarks>
internal sealed partial class WorkerExceptionInterceptor(WorkerSession session, ILogger<WorkerExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        }
        catch (Exception e) when (ToStatusCode(e) is { } code)
        {
            throw ToRpcException(code, e);
        }
        catch (Exception e)
        {
            Log.Unexpected(logger, session.Id, context.Method, e);
            throw new RpcException(new Status(StatusCode.Internal, $"Internal error in the session's worker: {e.GetType().Name}."));
        }
    }

    public static StatusCode? ToStatusCode(Exception exception) => exception switch
    {
        InvalidTensorException or PipelineInputException or PipelineRejectedException or UnreadableRequestException
            or UnknownConfigTypeException => StatusCode.InvalidArgument,
        AnswerTooLargeException => StatusCode.ResourceExhausted,
        ArenaUnavailableException => StatusCode.Unavailable,
        NoPipelineLoadedException or UndescribableNodeClassException => StatusCode.FailedPrecondition,
        NodeExecutionException => StatusCode.Internal,
        _ => null,
    };

    /// <summary>
    /// The status for a domain exception: its message, cut to <see cref="StatusMessages.MaxWorkerMessageBytes"/>
    /// (a plugin's exception text, or a document's problems, can be any length, and a status the
    /// supervisor's channel cannot take would look to it like a worker that is gone), and its
    /// field problems' violations when it has any.
    /// </summary>
    public static RpcException ToRpcException(StatusCode code, Exception exception)
    {
        var message = StatusMessages.Fit(exception.Message, StatusMessages.MaxWorkerMessageBytes);
        return FieldProblems(exception) is { Count: > 0 } problems
            ? BadRequestStatus.ToRpcException(code, message, problems)
            : new RpcException(new Status(code, message));
    }

    private static IReadOnlyList<PipelineProblem> FieldProblems(Exception exception) => exception switch
    {
        PipelineRejectedException rejected => rejected.Problems,
        PipelineInputException refused => refused.Problems,
        InvalidTensorException invalid => [new PipelineProblem(invalid.Field, invalid.Message)],
        UnknownConfigTypeException unknown => unknown.Problems,
        _ => [],
    };

    private static partial class Log
    {
        [LoggerMessage(1300, LogLevel.Error, "Worker for session {SessionId}: unexpected error in {Method}")]
        public static partial void Unexpected(ILogger logger, string sessionId, string method, Exception exception);
    }
}
