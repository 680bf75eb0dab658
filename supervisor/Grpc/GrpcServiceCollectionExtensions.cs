using Cuvis.Sandbox.Supervisor.Hosting;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Grpc;

internal static class GrpcServiceCollectionExtensions
{
    /// <summary>The public gRPC service with its message limits, its checked request reading and the status-code interceptor.</summary>
    public static IServiceCollection AddPublicGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc => grpc.Interceptors.Add<DomainExceptionInterceptor>());
        services.AddOptions<global::Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<ServerOptions>>((grpc, server) =>
            {
                grpc.MaxReceiveMessageSize = server.Value.MaxMessageBytes;
                grpc.MaxSendMessageSize = server.Value.MaxMessageBytes;
            });

        // grpc-dotnet's own binder would bind the service's methods a second time, unchecked.
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton<IServiceMethodProvider<CuvisAIGrpcService>, CheckedServiceMethodProvider>();
        return services;
    }
}
