using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Hosting;

internal static partial class PublicEndpointExtensions
{
    /// <summary>Binds Kestrel to the configured address and port, HTTP/2 only: cleartext, or TLS when <c>Server:Tls</c> is configured.</summary>
    public static WebApplicationBuilder AddPublicEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ServerOptions>(builder.Configuration, ServerOptions.Section);

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
        {
            var options = server.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            // Large cubes arrive as one message; give HTTP/2 flow control room to move them.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
            void Http2(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.Tls.Enabled)
                {
                    PublicTls.Use(listen, options.Tls);
                }
            }

            if (options.BindAddress == "*")
            {
                kestrel.ListenAnyIP(options.Port, Http2);
            }
            else if (string.Equals(options.BindAddress, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(options.Port, Http2);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, Http2);
            }
        });
        return builder;
    }

    /// <summary>Logs the bound addresses once the server listens (tests and scripts read this line).</summary>
    public static WebApplication AnnounceListeningAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Log.Listening(app.Logger, address);
            }
        });
        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(2200, LogLevel.Information, "Cuvis.Sandbox supervisor listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);
    }
}
