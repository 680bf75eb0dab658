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

        // Resolved from the container, grpc-dotnet uses these as they are; otherwise it builds a
        // factory for each with expression trees, which loaded System.Linq.Expressions and compiled
        // its lambdas in every worker. All of them keep no state of their own between calls.
        services.AddSingleton<WorkerTokenInterceptor>();
        services.AddSingleton<RunningCallInterceptor>();
        services.AddSingleton<WorkerExceptionInterceptor>();
        services.AddSingleton<SandboxWorkerGrpcService>();
        return services;
    }
}
