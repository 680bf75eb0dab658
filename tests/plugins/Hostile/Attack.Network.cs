using System.Net.Sockets;
using System.Text;

namespace Hostile;

/// <summary>
/// Attacks over the network: a TCP connection to the host's loopback, the supervisor's port, or out;
/// a connection to a Unix socket (another worker's, the host's, or an abstract one).
/// </summary>
public sealed partial class Attack
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private string TcpConnect()
    {
        if (_port <= 0)
        {
            throw new ArgumentException("Attack kind 'tcp-connect' needs a port param.");
        }

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            client.ConnectAsync(_host, _port, timeout.Token).AsTask().GetAwaiter().GetResult();

            // Say who we are, so the listener can tell this connection from any other.
            client.GetStream().Write(Encoding.UTF8.GetBytes(_marker + "\n"));
            return $"succeeded: connected to {_host}:{_port} from {client.Client.LocalEndPoint}";
        }
        catch (OperationCanceledException)
        {
            return $"blocked: no connection to {_host}:{_port} within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (SocketException exception)
        {
            return Blocked(exception, $"code={exception.SocketErrorCode}");
        }
        catch (IOException exception)
        {
            return Blocked(exception);
        }
    }

    private string UnixConnect()
    {
        var path = RequirePath();

        // Abstract sockets have no file: their name starts with a NUL, shown as '@' (as ss does).
        var endpoint = new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            socket.ConnectAsync(endpoint, timeout.Token).AsTask().GetAwaiter().GetResult();
            socket.Send(Encoding.UTF8.GetBytes(_marker + "\n"));
            return $"succeeded: connected to the Unix socket {path}";
        }
        catch (OperationCanceledException)
        {
            return $"blocked: no connection to {path} within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (SocketException exception)
        {
            return Blocked(exception, $"code={exception.SocketErrorCode}");
        }
    }
}
