using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>At start: says who may call the public API, loudly when anyone may.</summary>
internal sealed partial class AccessStartup(IOptions<AuthOptions> auth, IOptions<ServerOptions> server, ILogger<AccessStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = server.Value;
        var transport = endpoint.Tls.Enabled ? $"TLS, client certificates {endpoint.Tls.ClientCertificates}" : "cleartext (no TLS)";
        if (!auth.Value.Enabled)
        {
            if (endpoint.IsLoopbackOnly)
            {
                Log.Unauthenticated(logger, endpoint.BindAddress, transport);
            }
            else
            {
                Log.UnauthenticatedRemote(logger, endpoint.BindAddress, transport);
            }
        }
        else
        {
            Log.Authenticated(logger, auth.Value.Principals.Count, string.Join(", ", auth.Value.Principals.Keys), transport);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(2700, LogLevel.Warning, "The public API is UNAUTHENTICATED ({Transport}): anything on this machine that can reach {Address} can create sessions and drive any session whose id it learns. Configure Auth:Principals to require tokens or client certificates.")]
        public static partial void Unauthenticated(ILogger logger, string address, string transport);

        [LoggerMessage(2701, LogLevel.Warning, "THE PUBLIC API IS UNAUTHENTICATED AND BOUND TO {Address} ({Transport}; Server:AllowUnauthenticatedRemote=true): anyone who can reach the port can create sessions and drive any session whose id they learn.")]
        public static partial void UnauthenticatedRemote(ILogger logger, string address, string transport);

        [LoggerMessage(2702, LogLevel.Information, "The public API authenticates callers ({Transport}): {Count} principals ({Principals}); each session answers only the principal that created it")]
        public static partial void Authenticated(ILogger logger, int count, string principals, string transport);
    }
}
