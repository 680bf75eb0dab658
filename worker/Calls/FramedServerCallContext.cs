using Grpc.Core;

namespace Cuvis.Sandbox.Worker.Calls;

/// <summary>
/// The <see cref="ServerCallContext"/> of a call that came on the call channel: the method, the
/// deadline and the headers the frame carried, and the cancellation the connection gives it
/// (the supervisor closed it, or the deadline passed).
/// </summary>
internal sealed class FramedServerCallContext(string method, DateTime deadline, Metadata requestHeaders, CancellationToken cancellationToken)
    : ServerCallContext
{
    private readonly Metadata _responseTrailers = [];
    private readonly AuthContext _authContext = new(null, []);

    protected override string MethodCore => method;

    protected override string HostCore => "worker";

    protected override string PeerCore => "unix:" + Cuvis.Sandbox.Protos.WorkerProtocol.CallSocketFileName;

    protected override DateTime DeadlineCore => deadline;

    protected override Metadata RequestHeadersCore => requestHeaders;

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => _authContext;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("A worker's handlers make no calls of their own to propagate a context to.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) =>
        throw new NotSupportedException("The call channel carries no response headers; a worker's handlers answer with a message and trailers.");
}
