using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Cli.Connection;

/// <summary>
/// Reads the <c>cuvis-node-micros</c> trailer of Inference answers (<c>input=35;normalize=9412;rx=81518</c>),
/// which the .NET client does not surface; other calls pass through untouched.
/// </summary>
internal sealed class NodeTimingsCapture : Interceptor
{
    public const string Trailer = "cuvis-node-micros";

    private IReadOnlyList<NodeTiming> _last = [];

    public IReadOnlyList<NodeTiming> Last => Volatile.Read(ref _last);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return context.Method.Name != "Inference"
            ? call
            : new AsyncUnaryCall<TResponse>(CaptureAsync(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Parses the trailer's <c>name=micros</c> pairs; a malformed pair is left out.</summary>
    public static IReadOnlyList<NodeTiming> Parse(string value) =>
    [
        .. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(parts => new NodeTiming(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture))),
    ];

    private async Task<TResponse> CaptureAsync<TResponse>(AsyncUnaryCall<TResponse> call)
    {
        var response = await call.ResponseAsync.ConfigureAwait(false);
        var value = call.GetTrailers().GetValue(Trailer);
        Volatile.Write(ref _last, value is null ? [] : Parse(value));
        return response;
    }
}
