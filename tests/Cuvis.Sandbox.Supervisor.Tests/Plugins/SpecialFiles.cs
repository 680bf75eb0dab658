using System.Diagnostics;
using System.Net.Sockets;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>Makes the files a hostile plugin directory could hold: a FIFO (reading it waits forever) and a socket.</summary>
internal static class SpecialFiles
{
    /// <summary>Bounds every read a test does near a FIFO, so a regression fails instead of hanging.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit(Timeout).Should().BeTrue("mkfifo finishes at once");
        mkfifo.ExitCode.Should().Be(0, mkfifo.StandardError.ReadToEnd());
        return path;
    }

    /// <summary>Binds a Unix socket at <paramref name="path"/>; disposing it removes the socket file.</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }
}
