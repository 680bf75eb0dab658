using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Access;

internal static class AccessServiceCollectionExtensions
{
    /// <summary>Access control: the principals, their agreement with the endpoint's settings, and the start-up line saying who may call.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, PublicAccessValidation>();
        services.AddHostedService<AccessStartup>();
        return services;
    }

    /// <summary>Authenticates every call before the rest of the pipeline sees it.</summary>
    public static IApplicationBuilder UseCallerAuthentication(this IApplicationBuilder app) =>
        app.UseMiddleware<CallerAuthenticationMiddleware>();
}
