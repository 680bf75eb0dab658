using Cuvis.Sandbox.Cli.Output;
using Cuvis.Sandbox.Cli.Settings;
using Cuvis.Sandbox.Client;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Cli.Connection;

/// <summary>
/// The client a command talks to the server with: a channel of its own (no message size limit:
/// cubes are large), the token and the call deadline of the global options, and the node timings
/// the server's last Inference answer carried.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly NodeTimingsCapture _timings = new();

    public ServerConnection(GlobalSettings settings)
    {
        Address = settings.ServerAddress;
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var token = settings.AccessToken;
        Client = new CuvisSandboxClient(_channel.Intercept(_timings), new CuvisSandboxClientOptions
        {
            CallTimeout = settings.Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            AccessTokenProvider = token is null ? null : _ => ValueTask.FromResult(token),
            // A session left open by a server that does not answer is ended by its idle timeout.
            DisposeCloseTimeout = TimeSpan.FromSeconds(10),
        });
    }

    public string Address { get; }

    public CuvisSandboxClient Client { get; }

    /// <summary>Gets each node's Forward time in microseconds, in execution order, from the last Inference call's <c>cuvis-node-micros</c> trailer; empty when the server sent none.</summary>
    public IReadOnlyList<NodeTiming> NodeTimings => _timings.Last;

    /// <summary>A new session, under a status line; <c>await using</c> it so it is closed however the command ends.</summary>
    public Task<CuvisSession> CreateSessionAsync(CommandOutput output, CancellationToken cancellationToken) =>
        output.StepAsync($"Creating a session on {Address}", () => Client.CreateSessionAsync(cancellationToken));

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }
}
