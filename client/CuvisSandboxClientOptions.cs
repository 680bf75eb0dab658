namespace Cuvis.Sandbox.Client;

/// <summary>Settings of a <see cref="CuvisSandboxClient"/>. Every property has a default that suits a server on the same machine.</summary>
public sealed record CuvisSandboxClientOptions
{
    /// <summary>
    /// Gets the largest message the client accepts, in bytes, or <see langword="null"/> for no limit
    /// (the default: inference answers carry whole cubes; grpc-dotnet's own default is 4 MiB).
    /// Applies only to the channel the client creates from an address.
    /// </summary>
    public int? MaxReceiveMessageSize { get; init; }

    /// <summary>
    /// Gets the largest message the client sends, in bytes, or <see langword="null"/> for no limit
    /// (the default). Applies only to the channel the client creates from an address.
    /// </summary>
    public int? MaxSendMessageSize { get; init; }

    /// <summary>
    /// Gets the deadline of each call, or <see langword="null"/> for none (the default: the server
    /// bounds each call itself, and a <see cref="CancellationToken"/> ends a call early). Past it a
    /// call fails with <see cref="CuvisDeadlineExceededException"/>.
    /// </summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// Gets how long <see cref="CuvisSession.DisposeAsync"/> waits for the server to close the
    /// session before it gives up quietly (the server then closes it once it has been idle for its
    /// idle timeout). Default: 30 seconds.
    /// </summary>
    public TimeSpan DisposeCloseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets a function that returns an access token for each call, sent as
    /// <c>authorization: Bearer &lt;token&gt;</c>, for servers behind an authenticating proxy;
    /// <see langword="null"/> (the default) sends none. It is called before every call with that
    /// call's <see cref="CancellationToken"/>, so it may cache and refresh; an exception it throws
    /// fails the call as it is. The header goes over
    /// whatever channel the client uses: use <c>https</c> beyond the local machine.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; init; }

    /// <summary>
    /// Gets request headers (gRPC metadata) to send with every call, such as a tenant or trace id;
    /// <see langword="null"/> (the default) sends none. Keys are lower-case ASCII, as gRPC requires;
    /// the client copies them when it is created.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
