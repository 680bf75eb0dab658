using Cuvis.Sandbox.Supervisor.Hosting;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Sessions;

internal static class SessionServiceCollectionExtensions
{
    /// <summary>Sessions: options, the slots, the worker pool, the registry (which closes every session on shutdown, and answers <see cref="ISessionLookup"/>) and the idle reaper.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SessionOptions>(configuration, SessionOptions.Section);
        services.AddSingleton<SessionSlots>();
        services.AddSingleton<ICpuPressure, CpuPressure>();
        services.AddSingleton<WorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPool>());
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ISessionLookup>(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddHostedService(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddHostedService<IdleSessionReaper>();
        return services;
    }
}
