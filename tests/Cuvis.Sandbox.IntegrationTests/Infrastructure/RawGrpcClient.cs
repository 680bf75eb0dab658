using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// gRPC calls with bodies the test writes byte by byte over HTTP/2 (prior knowledge, one
/// connection): length prefixes that lie, messages cut short, bodies aborted mid-message. The
/// answer is read as a gRPC client would: the status from the headers (trailers-only) or trailers.
/// </summary>
internal sealed class RawGrpcClient(string address) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Sends <paramref name="body"/> (length prefix included) to <paramref name="method"/> of the public service.</summary>
    public Task<RawOutcome> CallAsync(string method, byte[] body) => CallAsync(method, new ByteArrayContent(body));

    public async Task<RawOutcome> CallAsync(string method, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{address}/cuvis_ai.v1.CuvisAIService/{method}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        // The server ends the call at this deadline too, whatever the body does.
        request.Headers.TryAddWithoutValidation("grpc-timeout", "50S");
        using var deadline = new CancellationTokenSource(CallTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            var status = Header(response, "grpc-status");
            return new RawOutcome(
                status is null ? null : (StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
                Uri.UnescapeDataString(Header(response, "grpc-message") ?? ""),
                body.Length,
                null);
        }
        catch (HttpRequestException e)
        {
            return new RawOutcome(null, "", 0, e.InnerException?.Message ?? e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values) ? values.First() : null;

    /// <summary>A body that sends <paramref name="head"/>, then fails, so the client resets the stream mid-message.</summary>
    public sealed class AbortedContent(byte[] head) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(head);
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("The test's client gives up mid-message.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>
    /// A body declaring <paramref name="declaredBytes"/> that starts with <paramref name="prefix"/>
    /// and is padded with zeros from one shared buffer as far as the server reads, so a test can
    /// send gibibyte requests without holding them.
    /// </summary>
    public sealed class LargeContent(long declaredBytes, byte[] prefix) : HttpContent
    {
        private static readonly byte[] Zeros = new byte[1 << 20];

        /// <summary>Bytes of the body written so far (the server stops reading a refused call).</summary>
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var head = ProtobufWire.Frame(prefix, declaredBytes);
            await stream.WriteAsync(head);
            Sent = head.Length;
            var total = declaredBytes + 5;
            while (Sent < total)
            {
                var chunk = (int)Math.Min(Zeros.Length, total - Sent);
                await stream.WriteAsync(Zeros.AsMemory(0, chunk));
                Sent += chunk;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>How a raw call ended: its gRPC status and message, or the transport failure when there was none.</summary>
internal sealed record RawOutcome(StatusCode? Status, string Message, int ResponseBodyBytes, string? TransportError)
{
    public override string ToString() => Status is { } status ? $"{status}: {Message}" : $"no status ({TransportError})";
}
