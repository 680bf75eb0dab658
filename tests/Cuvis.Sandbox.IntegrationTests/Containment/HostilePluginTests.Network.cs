using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Cuvis.Sandbox.IntegrationTests.Containment.Matrix;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    // An address outside this machine. The machine may have no route there: the report's error
    // code tells a sandbox without a network (NetworkUnreachable at once) from a slow route.
    private static readonly IPEndPoint Outside = new(IPAddress.Parse("1.1.1.1"), 443);

    [Fact]
    public async Task ConnectionsToTheHost_OverTcpAndUnixSockets_AreRefused()
    {
        // A listener on loopback stands for every local service; one on the host's own address for
        // the network beyond it. Unix sockets: a socket file anyone may connect to, and an
        // abstract socket (no file, no permissions: only a network namespace keeps it apart).
        var addresses = new[] { IPAddress.Loopback }.Concat(HostAddresses().Take(1)).ToArray();
        var listeners = addresses.Select(address => new TcpListener(address, 0)).ToArray();
        var socketFile = Work.Combine(Marker + ".sock");
        var abstractName = "@" + Marker;
        using var fileListener = ListenUnix(socketFile);
        using var abstractListener = ListenUnix("\0" + abstractName[1..]);
        File.SetUnixFileMode(socketFile, (UnixFileMode)0b111_111_111);
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var attempts = new List<(string Attack, string Report, Func<bool> Reached)>();
            foreach (var listener in listeners)
            {
                var endpoint = (IPEndPoint)listener.LocalEndpoint;
                var where = IPAddress.IsLoopback(endpoint.Address) ? "the host's loopback" : "the host's own address";
                attempts.Add(($"TCP to a listener the test opened on {where}", await Connect(endpoint.Address.ToString(), endpoint.Port), listener.Pending));
            }

            attempts.Add(("TCP to the supervisor's port", await Connect("127.0.0.1", _supervisor.Port), () => false));
            attempts.Add(($"TCP out ({Outside})", await Connect(Outside.Address.ToString(), Outside.Port), () => false));
            attempts.Add(("Unix socket file the test opened on the host", await ConnectUnix(socketFile), () => Pending(fileListener)));
            attempts.Add(("abstract Unix socket the test opened on the host", await ConnectUnix(abstractName), () => Pending(abstractListener)));

            var reached = attempts.Select(attempt => attempt.Reached()).ToArray();
            await FinishAsync([.. attempts.Select((attempt, i) => (HostileGroup.Escapes, attempt.Attack,
                reached[i] ? HostileOutcome.Escaped("the listener was reached: " + attempt.Report) : HostileOutcome.Of(attempt.Report)))]);

            using (new AssertionScope())
            {
                for (var i = 0; i < attempts.Count; i++)
                {
                    IsBlocked(attempts[i].Report).Should().BeTrue($"{attempts[i].Attack} must be refused, but: {attempts[i].Report}");
                    reached[i].Should().BeFalse($"{attempts[i].Attack}: the listener must have nothing to accept");
                }
            }
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }

    private Task<string> Connect(string host, int port) =>
        _hostile.AttackAsync("tcp-connect", ("host", host), ("port", port), ("marker", Marker));

    private Task<string> ConnectUnix(string path) =>
        _hostile.AttackAsync("unix-connect", ("path", path), ("marker", Marker));

    private static Socket ListenUnix(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }

    /// <summary>True when a connection waits to be accepted.</summary>
    private static bool Pending(Socket listener) => listener.Poll(0, SelectMode.SelectRead);

    private static IEnumerable<IPAddress> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
