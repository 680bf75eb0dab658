using System.Text;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// A gRPC error answered from middleware, before any gRPC service sees the call: HTTP 200 with the
/// status in the headers and no body ("Trailers-Only" in the gRPC over HTTP/2 spec). Every gRPC
/// client reads it as the call's status.
/// </summary>
internal static class TrailersOnlyResponse
{
    public const string GrpcContentType = "application/grpc";

    public static Task WriteAsync(HttpResponse response, StatusCode status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcContentType;
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        return response.CompleteAsync();
    }

    /// <summary>
    /// grpc-message is percent-encoded UTF-8: printable ASCII except '%' stays as it is, every
    /// other byte becomes %XX (header values cannot carry the rest).
    /// </summary>
    public static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
