using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// The worker's side of the one transport abstraction: a Unix domain socket on Linux and macOS,
/// a named pipe on Windows. The supervisor's <c>WorkerEndpoint</c> speaks the same address format.
/// </summary>
internal static class WorkerEndpoint
{
    public static void Listen(KestrelServerOptions kestrel, string endpoint)
    {
        if (endpoint.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = endpoint["unix:".Length..];
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            kestrel.ListenUnixSocket(path, listen => listen.Protocols = HttpProtocols.Http2);
        }
        else
        {
            kestrel.ListenNamedPipe(endpoint["pipe:".Length..], listen => listen.Protocols = HttpProtocols.Http2);
        }
    }
}
