using System.Net.Sockets;
using System.Text;

namespace Hostile;

/// <summary>Attacks over the network: a TCP connection to the host's loopback, the supervisor's port, or out.</summary>
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
}
