using Cuvis.Sandbox.Worker.Calls;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Worker.Grpc;

internal static class WorkerGrpcServiceCollectionExtensions
{
    /// <summary>
    /// The worker's interceptors, outermost first: the caller's token, then the running-call
    /// bookkeeping, then the one mapping of exceptions to statuses. Both transports run them.
    /// </summary>
    public static readonly IReadOnlyList<Type> InterceptorTypes =
        [typeof(WorkerTokenInterceptor), typeof(RunningCallInterceptor), typeof(WorkerExceptionInterceptor)];

    /// <summary>
    /// The worker's gRPC service with its interceptors (<see cref="InterceptorTypes"/>), and the
    /// same service behind the same interceptors for the call channel (<see cref="FramedMethods"/>).
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
            foreach (var type in InterceptorTypes)
            {
                grpc.Interceptors.Add(type);
            }
        });

        // Resolved from the container, grpc-dotnet uses these as they are; otherwise it builds a
        // factory for each with expression trees, which loaded System.Linq.Expressions and compiled
        // its lambdas in every worker. All of them keep no state of their own between calls.
        services.AddSingleton<WorkerTokenInterceptor>();
        services.AddSingleton<RunningCallInterceptor>();
        services.AddSingleton<WorkerExceptionInterceptor>();
        services.AddSingleton<SandboxWorkerGrpcService>();
        services.AddSingleton(provider => new FramedMethods(provider.GetRequiredService<SandboxWorkerGrpcService>(),
            [.. InterceptorTypes.Select(type => (Interceptor)provider.GetRequiredService(type))]));
        return services;
    }
}
