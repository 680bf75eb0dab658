namespace Cuvis.Sandbox.Worker.Grpc;

internal static class WorkerGrpcServiceCollectionExtensions
{
    /// <summary>
    /// The worker's gRPC service with its interceptors, in order: the caller's token first, then
    /// the running-call bookkeeping, then the one mapping of exceptions to statuses.
    /// </summary>
    public static IServiceCollection AddWorkerGrpc(this IServiceCollection services, int? maxMessageBytes = null)
    {
        services.AddGrpc(grpc =>
        {
            if (maxMessageBytes is { } max)
            {
                grpc.MaxReceiveMessageSize = max;
                grpc.MaxSendMessageSize = max;
            }

            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<WorkerTokenInterceptor>();
            grpc.Interceptors.Add<RunningCallInterceptor>();
            grpc.Interceptors.Add<WorkerExceptionInterceptor>();
        });
        return services;
    }
}
