using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Sessions;

internal static class SessionServiceCollectionExtensions
{
    /// <summary>Sessions: options, the registry (which closes every session on shutdown, and answers <see cref="ISessionLookup"/>) and the idle reaper.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SessionOptions>(configuration, SessionOptions.Section);
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ISessionLookup>(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddHostedService(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddHostedService<IdleSessionReaper>();
        return services;
    }
}
