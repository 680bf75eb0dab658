using System.Globalization;
using System.Net;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// The user behind a loopback TCP connection, as the kernel lists it in <c>/proc/net/tcp</c> and
/// <c>tcp6</c>: the client's socket is the entry whose local end is the connection's remote end
/// and whose remote end is ours. Null when it cannot be found (the client closed meanwhile).
/// </summary>
internal static class LoopbackPeer
{
    public static uint? UidOf(IPAddress client, int clientPort, IPAddress server, int serverPort, string procNet = "/proc/net")
    {
        foreach (var (file, clientEnd, serverEnd) in Candidates(client, clientPort, server, serverPort))
        {
            var path = Path.Combine(procNet, file);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 7
                    && string.Equals(columns[1], clientEnd, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(columns[2], serverEnd, StringComparison.OrdinalIgnoreCase)
                    && uint.TryParse(columns[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                {
                    return uid;
                }
            }
        }

        return null;
    }

    /// <summary>The kernel's spelling of an endpoint: each 32-bit word of the address in host (little-endian) order, then the port, in hex.</summary>
    public static string Encode(IPAddress address, int port)
    {
        var bytes = address.GetAddressBytes();
        var text = new System.Text.StringBuilder(bytes.Length * 2 + 5);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            for (var i = 3; i >= 0; i--)
            {
                text.Append(bytes[word + i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.Append(':').Append(port.ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }

    private static IEnumerable<(string File, string Client, string Server)> Candidates(IPAddress client, int clientPort, IPAddress server, int serverPort)
    {
        if (client.IsIPv4MappedToIPv6 || server.IsIPv4MappedToIPv6 || client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            yield return ("tcp", Encode(client.MapToIPv4(), clientPort), Encode(server.MapToIPv4(), serverPort));
        }

        yield return ("tcp6", Encode(client.MapToIPv6(), clientPort), Encode(server.MapToIPv6(), serverPort));
    }
}
