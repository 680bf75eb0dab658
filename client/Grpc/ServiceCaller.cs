using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;
using StatusProto = Cuvis.Sandbox.Protos.Status.V1;

namespace Cuvis.Sandbox.Client.Grpc;

/// <summary>
/// Makes every call of the client: the generated stub with the options' headers and deadline,
/// the caller's token, and the one translation of its failure. Generated types stop here and in
/// <see cref="ProtoMapping"/>.
/// </summary>
internal sealed class ServiceCaller
{
    private readonly Proto.CuvisAIService.CuvisAIServiceClient _stub;
    private readonly StatusProto.SandboxStatus.SandboxStatusClient _statusStub;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly Func<CancellationToken, ValueTask<string>>? _accessToken;
    private readonly TimeSpan? _callTimeout;

    public ServiceCaller(CallInvoker invoker, CuvisSandboxClientOptions options)
    {
        _stub = new Proto.CuvisAIService.CuvisAIServiceClient(invoker);
        _statusStub = new StatusProto.SandboxStatus.SandboxStatusClient(invoker);
        _accessToken = options.AccessTokenProvider;
        _callTimeout = options.CallTimeout;
        DisposeCloseTimeout = options.DisposeCloseTimeout;
        _headers = [.. options.Headers ?? new Dictionary<string, string>()];
    }

    public TimeSpan DisposeCloseTimeout { get; }

    /// <summary>Calls <paramref name="method"/> with <paramref name="request"/>.</summary>
    /// <param name="method">The stub's method, as a static lambda: <c>static (stub, request, options) => stub.CreateSessionAsync(request, options)</c>.</param>
    /// <param name="request">The request.</param>
    /// <param name="sessionId">The session the call is about, or <see langword="null"/>; it types a NOT_FOUND.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <param name="timeout">A deadline for this call instead of <see cref="CuvisSandboxClientOptions.CallTimeout"/>.</param>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        Func<Proto.CuvisAIService.CuvisAIServiceClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> method,
        TRequest request,
        string? sessionId,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null) =>
        InvokeAsync(_stub, method, request, sessionId, timeout, cancellationToken);

    /// <summary>Calls <paramref name="method"/> of Cuvis.Sandbox's own <c>cuvis_sandbox.v1.SandboxStatus</c> service.</summary>
    /// <param name="method">The stub's method, as a static lambda.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    public Task<TResponse> CallStatusAsync<TRequest, TResponse>(
        Func<StatusProto.SandboxStatus.SandboxStatusClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> method,
        TRequest request,
        CancellationToken cancellationToken) =>
        InvokeAsync(_statusStub, method, request, sessionId: null, timeout: null, cancellationToken);

    private async Task<TResponse> InvokeAsync<TStub, TRequest, TResponse>(
        TStub stub,
        Func<TStub, TRequest, CallOptions, AsyncUnaryCall<TResponse>> method,
        TRequest request,
        string? sessionId,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var options = await CallOptionsAsync(timeout ?? _callTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var call = method(stub, request, options);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw RpcExceptionTranslator.Translate(e, sessionId, cancellationToken);
        }
    }

    private async ValueTask<CallOptions> CallOptionsAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Metadata? headers = null;
        if (_headers.Length > 0 || _accessToken is not null)
        {
            headers = new Metadata();
            foreach (var (key, value) in _headers)
            {
                headers.Add(key, value);
            }

            if (_accessToken is not null)
            {
                var token = await _accessToken(cancellationToken).ConfigureAwait(false);
                headers.Add("authorization", "Bearer " + token);
            }
        }

        DateTime? deadline = timeout is { } limit ? DateTime.UtcNow + limit : null;
        return new CallOptions(headers, deadline, cancellationToken);
    }
}
