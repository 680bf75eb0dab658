namespace Cuvis.Sandbox.Protos;

/// <summary>
/// Version and handshake format of the private supervisor&lt;-&gt;worker protocol
/// (<c>sandbox_worker.proto</c>). Bump <see cref="Version"/> on every change that an older peer
/// would misread; both ends refuse to talk across a mismatch.
/// </summary>
public static class WorkerProtocol
{
    /// <summary>The protocol version this build speaks.</summary>
    public const int Version = 10;

    /// <summary>
    /// First token of the single line a worker prints on stdout once it is listening:
    /// <c>cuvis-sandbox-worker-ready protocol=1 pid=1234 endpoint=unix:/run/.../worker.sock</c>.
    /// </summary>
    public const string ReadyPrefix = "cuvis-sandbox-worker-ready";

    /// <summary>
    /// Request header carrying the per-worker secret. The supervisor writes the secret as the
    /// first line of the worker's stdin (never argv or environment, which other local users can
    /// read) and sends it with every call; the worker refuses calls without it.
    /// </summary>
    public const string TokenHeader = "x-cuvis-worker-token";

    /// <summary>
    /// Request header numbering a forwarded call (decimal). The worker lists the numbers of the
    /// calls it is still running in <c>HealthResponse.running_calls</c>, so the supervisor can
    /// tell a call that ignored its cancellation from one that ended.
    /// </summary>
    public const string CallIdHeader = "x-cuvis-call-id";

    /// <summary>
    /// Prefix of the response trailers of a worker's Inference that the supervisor relays to the
    /// public call (the worker's node timings, <c>cuvis-node-micros</c>); other trailers stay private.
    /// </summary>
    public const string RelayedTrailerPrefix = "cuvis-";

    /// <summary>
    /// The relayed trailer of an Inference giving each node's Forward time inside the worker:
    /// <c>normalize=5123;rx=48210</c>, node names as in the pipeline document, whole microseconds,
    /// in execution order.
    /// </summary>
    public const string NodeTimesTrailer = RelayedTrailerPrefix + "node-micros";

    /// <summary>
    /// File name, beside the worker's gRPC socket, of its descriptor channel: a SOCK_SEQPACKET
    /// socket on which the supervisor sends the session's shared-memory arenas (Linux). The first
    /// message must be the worker's secret; every later one is <see cref="ArenaMessageBytes"/>
    /// long: <see cref="ArenaAdded"/> with the arena's file, or <see cref="ArenaReleased"/>
    /// without one, then the arena's id (8 bytes, little-endian).
    /// </summary>
    public const string DescriptorSocketFileName = "tensors.sock";

    /// <summary>
    /// File name, beside the worker's gRPC socket, of its call channel: Unix stream sockets on
    /// which the supervisor sends the session's calls as frames (<c>FramedCall</c>,
    /// <c>FramedAnswer</c>) instead of HTTP/2, one call at a time per connection.
    /// </summary>
    public const string CallSocketFileName = "calls.sock";

    /// <summary>Length of an arena message on the descriptor channel: the operation and the id.</summary>
    public const int ArenaMessageBytes = 9;

    /// <summary>"Here is arena N" (the message carries its file).</summary>
    public const byte ArenaAdded = 1;

    /// <summary>"Arena N is gone": unmap and close it.</summary>
    public const byte ArenaReleased = 2;

    /// <summary>Formats the ready line a worker prints.</summary>
    public static string FormatReadyLine(int processId, string endpoint) =>
        $"{ReadyPrefix} protocol={Version} pid={processId} endpoint={endpoint}";
}
