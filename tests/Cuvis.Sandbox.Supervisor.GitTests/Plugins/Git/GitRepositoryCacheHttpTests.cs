using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cuvis.Sandbox.Supervisor.GitTests.Plugins.Git;

/// <summary>http(s) goes through libgit2, which cannot be interrupted while it waits on a silent server.</summary>
public class GitRepositoryCacheHttpTests : GitCacheTestContext
{
    [Fact]
    public async Task CheckoutAsync_HttpServerNeverAnswers_FailsAfterNetworkTimeoutAndFreesRepositoryOnceItHangsUp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = new List<Socket>();
        _ = AcceptAndStaySilentAsync(listener, connections);
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/team/plugin.git";
        var cache = CreateSut(options => options.NetworkTimeout = TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        var error = await CheckoutFailsAsync(cache, url, "v1.0.0");
        var elapsed = stopwatch.Elapsed;
        listener.Stop();
        lock (connections)
        {
            connections.ForEach(connection => connection.Dispose());
        }

        var afterHangUp = await CheckoutFailsAsync(cache, url, "v1.0.0");

        error.Message.Should().Be($"Repository not found: {url}: no answer within 1 s (the git network timeout); try again later.");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        connections.Should().NotBeEmpty("libgit2 reached the server");
        afterHangUp.Message.Should().StartWith($"Repository not found: {url}: ")
            .And.NotContain("no answer", "the server now refuses at once")
            .And.NotContain("busy", "the abandoned clone has ended and released the repository");
        cache.CloneCount.Should().Be(2);
        Directory.EnumerateFileSystemEntries(ReposDirectory).Should().BeEmpty();
        await WaitUntilAsync(() => !Directory.EnumerateFileSystemEntries(TmpDirectory).Any());
    }

    [Fact]
    public async Task CheckoutAsync_HttpUrlWithPassword_NeverShowsThePassword()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cache = CreateSut();

        var error = await CheckoutFailsAsync(cache, $"http://bot:s3cret@127.0.0.1:{port}/team/plugin.git", "v1.0.0");

        error.Message.Should().StartWith($"Repository not found: http://bot:***@127.0.0.1:{port}/team/plugin.git: ")
            .And.NotContain("s3cret");
    }

    private static async Task AcceptAndStaySilentAsync(TcpListener listener, List<Socket> connections)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptSocketAsync();
                lock (connections)
                {
                    connections.Add(connection);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }
}
