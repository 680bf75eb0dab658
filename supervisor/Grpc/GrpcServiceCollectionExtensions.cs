using Cuvis.Sandbox.Supervisor.Grpc.Health;
using Cuvis.Sandbox.Supervisor.Hosting;
using Grpc.AspNetCore.Server.Model;
using Grpc.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Grpc;

internal static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// The public gRPC services: <c>cuvis_ai.v1.CuvisAIService</c> with its message limits, its
    /// checked request reading and the status-code interceptor; <c>cuvis_sandbox.v1.SandboxStatus</c>;
    /// the standard health service; and server reflection (v1 and v1alpha), so tools can call every
    /// RPC without the proto file.
    /// </summary>
    public static IServiceCollection AddPublicGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            // First: it times the call as the client sees it, after the domain exceptions are mapped.
            grpc.Interceptors.Add<Diagnostics.RpcMetricsInterceptor>();
            grpc.Interceptors.Add<DomainExceptionInterceptor>();
        });
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<ServerOptions>>((grpc, server) =>
            {
                grpc.MaxReceiveMessageSize = server.Value.MaxMessageBytes;
                grpc.MaxSendMessageSize = server.Value.MaxMessageBytes;
            });
        services.AddGrpcReflection();
        services.AddHttpContextAccessor();
        services.AddSingleton<ServerHealth>();

        // grpc-dotnet's own method providers would bind CuvisAIService's methods a second time,
        // unchecked: they bind only the standard services here, and the checked binder binds CuvisAIService.
        var standardProviders = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)).Select(d => d.ImplementationType!).ToArray();
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton<IServiceMethodProvider<CuvisAIGrpcService>, CheckedServiceMethodProvider>();
        foreach (var service in new[] { typeof(SandboxStatusGrpcService), typeof(HealthGrpcService), typeof(ReflectionServiceImpl), typeof(ReflectionV1ServiceImpl) })
        {
            foreach (var provider in standardProviders)
            {
                services.AddSingleton(typeof(IServiceMethodProvider<>).MakeGenericType(service), provider.MakeGenericType(service));
            }
        }

        return services;
    }

    /// <summary>Maps the services <see cref="AddPublicGrpc"/> registers.</summary>
    public static WebApplication MapPublicGrpc(this WebApplication app)
    {
        app.MapGrpcService<CuvisAIGrpcService>();
        app.MapGrpcService<SandboxStatusGrpcService>();
        app.MapGrpcService<HealthGrpcService>();
        app.MapGrpcReflectionService();
        return app;
    }
}
