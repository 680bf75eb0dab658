using Cuvis.Sandbox.Supervisor.Access;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.PipelineLibrary;
using Cuvis.Sandbox.Supervisor.Pipelines;
using Cuvis.Sandbox.Supervisor.Plugins;
using Cuvis.Sandbox.Supervisor.Profiling;
using Cuvis.Sandbox.Supervisor.Schemas;
using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.SharedInputs;
using Cuvis.Sandbox.Supervisor.Training;
using Cuvis.Sandbox.Supervisor.Visualization;
using Cuvis.Sandbox.Supervisor.Workers;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// The one place where domain exceptions become gRPC status codes (<see cref="ToRpcException"/>,
/// sized by <see cref="PublicStatus"/>), with their field problems as rich error details. Statuses
/// a worker returned pass through with their code, message and field problems; anything
/// unexpected becomes INTERNAL with a reference to the log, never with internals.
/// </summary>
internal sealed partial class DomainExceptionInterceptor(ILogger<DomainExceptionInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation) =>
        GuardedAsync(() => continuation(request, context), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardedAsync(async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        }, context);

    private async Task<T> GuardedAsync<T>(Func<Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call();
        }
        catch (SandboxException e)
        {
            throw ToRpcException(e);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw PublicStatus.Create(StatusCode.Cancelled, "The call was cancelled by the client.");
        }
        catch (Exception e)
        {
            var reference = Guid.NewGuid().ToString("N")[..12];
            Log.Unexpected(logger, context.Method, reference, e);
            throw PublicStatus.Create(StatusCode.Internal, $"Internal server error (reference {reference}); the server log has the details.");
        }
    }

    public static RpcException ToRpcException(SandboxException exception) =>
        PublicStatus.Create(ToStatusCode(exception), exception.Message, exception.FieldProblems);

    public static StatusCode ToStatusCode(SandboxException exception) => exception switch
    {
        SessionNotFoundException => StatusCode.NotFound,
        SessionExpiredException => StatusCode.NotFound,
        SessionFailedException => StatusCode.FailedPrecondition,
        WorkerStatusException worker => worker.StatusCode,
        PluginNotLoadedException => StatusCode.NotFound,
        InvalidManifestException => StatusCode.InvalidArgument,
        SessionLimitReachedException => StatusCode.ResourceExhausted,
        PrincipalSessionLimitReachedException => StatusCode.ResourceExhausted,
        PermissionDeniedException => StatusCode.PermissionDenied,
        ServerShuttingDownException => StatusCode.Unavailable,
        ContainmentUnavailableException => StatusCode.FailedPrecondition,
        WorkerStartException => StatusCode.Unavailable,
        WorkerUnavailableException => StatusCode.Unavailable,
        WorkerCallTimeoutException => StatusCode.DeadlineExceeded,
        MessageTooLargeException => StatusCode.ResourceExhausted,
        MalformedRequestException => StatusCode.InvalidArgument,
        InvalidSchemaRequestException => StatusCode.InvalidArgument,
        DataModulesNotSupportedException => StatusCode.FailedPrecondition,
        TrainingNotSupportedException => StatusCode.Unimplemented,
        InvalidProfilingRequestException => StatusCode.InvalidArgument,
        ShmRefException => StatusCode.InvalidArgument,
        InvalidPipelineLibraryRequestException => StatusCode.InvalidArgument,
        PipelineNotFoundException => StatusCode.NotFound,
        NoPipelineToSaveException => StatusCode.FailedPrecondition,
        SharedInputsDeniedException => StatusCode.PermissionDenied,
        InvalidVisualizationRequestException => StatusCode.InvalidArgument,
        NoPipelineToDrawException => StatusCode.FailedPrecondition,
        GraphvizMissingException => StatusCode.FailedPrecondition,
        RenderTimeoutException => StatusCode.DeadlineExceeded,
        RenderTooLargeException => StatusCode.ResourceExhausted,
        RenderOutOfMemoryException => StatusCode.ResourceExhausted,
        RenderFailedException => StatusCode.InvalidArgument,
        _ => StatusCode.Internal,
    };

    private static partial class Log
    {
        [LoggerMessage(2300, LogLevel.Error, "Unexpected error in {Method} (reference {Reference})")]
        public static partial void Unexpected(ILogger logger, string method, string reference, Exception exception);
    }
}
