using Cuvis.Sandbox.Client.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// A client of a Cuvis.Sandbox server, or any server of cuvis-ai's <c>cuvis_ai.v1.CuvisAIService</c>.
/// Create one per server and share it: it is thread-safe, and every session it creates goes over
/// its one channel.
/// </summary>
/// <example>
/// <code>
/// using var client = new CuvisSandboxClient("http://127.0.0.1:50051");
/// await using var session = await client.CreateSessionAsync();
/// var nodes = await session.ListAvailableNodesAsync();
/// </code>
/// </example>
public sealed class CuvisSandboxClient : IDisposable
{
    private readonly ServiceCaller _caller;
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Initializes a new instance of the <see cref="CuvisSandboxClient"/> class with a channel of its own to <paramref name="address"/>, closed by <see cref="Dispose"/>.</summary>
    /// <param name="address">The server's address with its scheme: <c>http://127.0.0.1:50051</c>, or <c>https://</c> for TLS.</param>
    /// <param name="options">The client's settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an absolute <c>http</c> or <c>https</c> URI, or an option is invalid.</exception>
    public CuvisSandboxClient(Uri address, CuvisSandboxClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"'{address}' is not an http or https address; write it as http://127.0.0.1:50051 (or https:// for TLS).", nameof(address));
        }

        options = Validate(options);
        _ownedChannel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
        });
        _caller = new ServiceCaller(_ownedChannel.CreateCallInvoker(), options);
    }

    /// <summary>Initializes a new instance of the <see cref="CuvisSandboxClient"/> class with a channel of its own to <paramref name="address"/>, closed by <see cref="Dispose"/>.</summary>
    /// <param name="address">The server's address with its scheme: <c>http://127.0.0.1:50051</c>, or <c>https://</c> for TLS.</param>
    /// <param name="options">The client's settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not an absolute <c>http</c> or <c>https</c> URI, or an option is invalid.</exception>
    public CuvisSandboxClient(string address, CuvisSandboxClientOptions? options = null)
        : this(ParseAddress(address), options)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="CuvisSandboxClient"/> class over a channel the caller
    /// owns (a <see cref="GrpcChannel"/> with its own handler, TLS or message limits): the client
    /// never disposes it, and the message sizes in <paramref name="options"/> do not apply to it.
    /// </summary>
    /// <param name="channel">The channel to the server.</param>
    /// <param name="options">The client's settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public CuvisSandboxClient(ChannelBase channel, CuvisSandboxClientOptions? options = null)
        : this(CallInvokerOf(channel), options)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="CuvisSandboxClient"/> class over a call invoker the
    /// caller owns: one with interceptors, or a test double. The message sizes in
    /// <paramref name="options"/> do not apply to it.
    /// </summary>
    /// <param name="callInvoker">What makes the calls.</param>
    /// <param name="options">The client's settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public CuvisSandboxClient(CallInvoker callInvoker, CuvisSandboxClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        _caller = new ServiceCaller(callInvoker, Validate(options));
    }

    /// <summary>Creates a session: a sandboxed worker process of its own on the server, until the session is closed.</summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The session; <c>await using</c> it, so that it is closed when you are done.</returns>
    /// <exception cref="CuvisResourceExhaustedException">The server holds as many sessions as it may.</exception>
    /// <exception cref="CuvisUnavailableException">The server is unreachable, or the session's worker could not start.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    public async Task<CuvisSession> CreateSessionAsync(CancellationToken cancellationToken = default)
    {
        var response = await _caller.CallAsync(
            static (stub, request, options) => stub.CreateSessionAsync(request, options),
            new Proto.CreateSessionRequest(), sessionId: null, cancellationToken).ConfigureAwait(false);
        return response.SessionId.Length > 0
            ? new CuvisSession(_caller, response.SessionId)
            : throw new CuvisSandboxException(StatusCode.DataLoss, "The server created a session but sent no session id.");
    }

    /// <summary>
    /// Returns a handle to a session that already exists, by its id (from another process, say),
    /// without calling the server: a session that is gone shows as
    /// <see cref="CuvisSessionNotFoundException"/> on the first call. Disposing the handle closes the session.
    /// </summary>
    /// <param name="sessionId">The id <see cref="CreateSessionAsync"/> gave the session.</param>
    /// <returns>A handle to the session.</returns>
    /// <exception cref="ArgumentException"><paramref name="sessionId"/> is empty.</exception>
    public CuvisSession AttachSession(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return new CuvisSession(_caller, sessionId);
    }

    /// <summary>Removes cached plugin builds and clones from the server (loaded plugins stay loaded).</summary>
    /// <param name="pluginName">The plugin whose cache entries to remove; <see langword="null"/> or empty for all.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>How many cache entries were removed.</returns>
    /// <exception cref="CuvisPermissionDeniedException">The server has principals, and the caller's is not an admin.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call.</exception>
    public async Task<int> ClearPluginCacheAsync(string? pluginName = null, CancellationToken cancellationToken = default)
    {
        var response = await _caller.CallAsync(
            static (stub, request, options) => stub.ClearPluginCacheAsync(request, options),
            new Proto.ClearPluginCacheRequest { PluginName = pluginName ?? "" }, sessionId: null, cancellationToken).ConfigureAwait(false);
        return response.ClearedCount;
    }

    /// <summary>
    /// Asks a Cuvis.Sandbox server what it is: its version, its containment layers (the table
    /// <c>cuvis doctor</c> prints) and its load. Other cuvis-ai servers do not serve this and
    /// answer <see cref="CuvisSandboxException"/> with <see cref="StatusCode.Unimplemented"/>.
    /// </summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The server's status.</returns>
    /// <exception cref="CuvisUnavailableException">The server is unreachable.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call.</exception>
    public async Task<ServerStatus> GetServerStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await _caller.CallStatusAsync(
            static (stub, request, options) => stub.GetServerStatusAsync(request, options),
            new Cuvis.Sandbox.Protos.Status.V1.GetServerStatusRequest(), cancellationToken).ConfigureAwait(false);
        return ProtoMapping.ToServerStatus(response);
    }

    /// <summary>Closes the channel the client created from an address; a channel or invoker the caller gave stays open. Sessions are not closed: dispose them first.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    private static Uri ParseAddress(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException(
                $"'{address}' is not an absolute address; write it as http://127.0.0.1:50051 (or https:// for TLS).", nameof(address));
    }

    private static CallInvoker CallInvokerOf(ChannelBase channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.CreateCallInvoker();
    }

    private static CuvisSandboxClientOptions Validate(CuvisSandboxClientOptions? options)
    {
        options ??= new CuvisSandboxClientOptions();
        if (options.MaxReceiveMessageSize is <= 0 || options.MaxSendMessageSize is <= 0)
        {
            throw new ArgumentException("MaxReceiveMessageSize and MaxSendMessageSize must be positive, or null for no limit.", nameof(options));
        }

        if (options.CallTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("CallTimeout must be positive, or null for none.", nameof(options));
        }

        if (options.DisposeCloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("DisposeCloseTimeout must be positive.", nameof(options));
        }

        // Metadata checks keys and values: a bad header fails here, not on the first call.
        var headers = new Metadata();
        foreach (var (key, value) in options.Headers ?? new Dictionary<string, string>())
        {
            try
            {
                headers.Add(key, value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Header '{key}' cannot be sent: {e.Message}", nameof(options), e);
            }
        }

        return options;
    }
}
