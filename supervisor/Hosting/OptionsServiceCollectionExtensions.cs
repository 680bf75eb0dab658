using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Hosting;

internal static class OptionsServiceCollectionExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validated by data annotations at start.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>
    /// As <see cref="AddValidatedOptions{TOptions}"/>, plus a setup class that fills in automatic
    /// defaults after binding and checks what annotations cannot.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TSetup>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TSetup : class, IPostConfigureOptions<TOptions>, IValidateOptions<TOptions>
    {
        services.AddSingleton<TSetup>();
        services.AddSingleton<IPostConfigureOptions<TOptions>>(sp => sp.GetRequiredService<TSetup>());
        services.AddSingleton<IValidateOptions<TOptions>>(sp => sp.GetRequiredService<TSetup>());
        return services.AddValidatedOptions<TOptions>(configuration, section);
    }
}
