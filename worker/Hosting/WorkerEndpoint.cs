using System.Net.Sockets;
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

    /// <summary>The path of <paramref name="fileName"/> beside the gRPC socket of <paramref name="endpoint"/>; null when the endpoint is no Unix socket.</summary>
    public static string? FileBeside(string endpoint, string fileName) =>
        endpoint.StartsWith("unix:", StringComparison.Ordinal)
            ? Path.Combine(Path.GetDirectoryName(endpoint["unix:".Length..])!, fileName)
            : null;

    /// <summary>A Unix socket of <paramref name="type"/> listening at <paramref name="path"/>, in place of any file a previous run left there.</summary>
    public static Socket ListenUnix(string path, SocketType type, int backlog)
    {
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
