using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Sessions;

internal static class SessionServiceCollectionExtensions
{
    /// <summary>Sessions: options and the registry, which closes every session on shutdown.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SessionOptions>(configuration, SessionOptions.Section);
        services.AddSingleton<SessionRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRegistry>());
        return services;
    }
}
