using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FluentAssertions.Execution;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

public sealed partial class HostilePluginTests
{
    [Fact]
    public async Task TcpConnections_ToTheHostsLoopbackItsOtherAddressesAndTheSupervisor_AreRefused()
    {
        // A listener on loopback stands for every local service; one on the host's own address for
        // the network beyond it (this machine may have no route out, so nothing further is tried).
        var addresses = new[] { IPAddress.Loopback }.Concat(HostAddresses().Take(1)).ToArray();
        var listeners = addresses.Select(address => new TcpListener(address, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var reports = new List<(string Target, string Report, TcpListener? Listener)>();
            foreach (var listener in listeners)
            {
                var endpoint = (IPEndPoint)listener.LocalEndpoint;
                reports.Add((endpoint.ToString(), await Connect(endpoint.Address.ToString(), endpoint.Port), listener));
            }

            reports.Add(("the supervisor " + _supervisor.Address, await Connect("127.0.0.1", _supervisor.Port), null));

            using (new AssertionScope())
            {
                foreach (var (target, report, listener) in reports)
                {
                    IsBlocked(report).Should().BeTrue($"a connection to {target} must be refused, but: {report}");
                    listener?.Pending().Should().BeFalse($"the listener on {target} must have nothing to accept");
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

        await HealthySessionAndSupervisorSurvivedAsync();
    }

    private Task<string> Connect(string host, int port) =>
        _hostile.AttackAsync("tcp-connect", ("host", host), ("port", port), ("marker", Marker));

    private static IEnumerable<IPAddress> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
