using Cuvis.Sandbox.Supervisor.Diagnostics;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Hosting;

internal static class RequestBytesBudgetExtensions
{
    /// <summary>The process-wide budget of in-flight request bytes (<see cref="ServerOptions.MaxInFlightRequestBytes"/>).</summary>
    public static IServiceCollection AddRequestBytesBudget(this IServiceCollection services) =>
        services.AddSingleton(sp => new RequestBytesBudget(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.MaxInFlightRequestBytes,
            sp.GetRequiredService<SandboxMetrics>()));

    /// <summary>Refuses calls over the budget; goes before the gRPC endpoints, which buffer whole messages.</summary>
    public static IApplicationBuilder UseRequestBytesBudget(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBytesBudgetMiddleware>();
}
