using Cuvis.Sandbox.Client.Grpc;
using Grpc.Core;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// A session on the server: its own sandboxed worker process, the plugins loaded into it and
/// the pipeline it runs. <c>await using</c> it: disposing closes the session, which ends the worker.
/// </summary>
/// <remarks>
/// Calls may run concurrently. Once <see cref="CloseAsync"/> or <see cref="DisposeAsync"/> has
/// closed the session, its calls throw <see cref="ObjectDisposedException"/>. A session the
/// server no longer knows (closed through another handle, expired after being idle, a server
/// restart) fails its calls with <see cref="CuvisSessionNotFoundException"/>.
/// </remarks>
public sealed partial class CuvisSession : IAsyncDisposable
{
    private readonly ServiceCaller _caller;
    private int _closed;

    internal CuvisSession(ServiceCaller caller, string id)
    {
        _caller = caller;
        Id = id;
    }

    /// <summary>Gets the session's id, which <see cref="CuvisSandboxClient.AttachSession"/> takes.</summary>
    public string Id { get; }

    /// <summary>
    /// Closes the session: the server ends its worker and everything the worker started. A
    /// session the server no longer knows counts as closed. Closing again does nothing.
    /// </summary>
    /// <param name="cancellationToken">Ends the call early; the session then stays open.</param>
    /// <returns>A task that completes when the session is closed.</returns>
    /// <exception cref="CuvisSandboxException">The server could not close it (unreachable, say); the session stays open, so calling again may succeed.</exception>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return;
        }

        await CloseOnServerAsync(timeout: null, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _closed, 1);
    }

    /// <summary>
    /// Closes the session, as <see cref="CloseAsync"/> does, and never throws: a session that is
    /// already gone, a server that cannot be reached or does not answer within
    /// <see cref="CuvisSandboxClientOptions.DisposeCloseTimeout"/>, a client disposed first, or an
    /// access token that cannot be had leaves the session to the server's idle timeout.
    /// </summary>
    /// <returns>A task that completes when the session is closed or given up on.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            await CloseOnServerAsync(_caller.DisposeCloseTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Dispose runs in finally blocks: throwing would hide the exception that got there,
            // and the server ends an abandoned session at its idle timeout anyway.
        }
    }

    /// <summary>Returns the session's id.</summary>
    /// <returns><see cref="Id"/>.</returns>
    public override string ToString() => Id;

    private async Task CloseOnServerAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _caller.CallAsync(
                static (stub, request, options) => stub.CloseSessionAsync(request, options),
                new Proto.CloseSessionRequest { SessionId = Id }, Id, cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (CuvisSessionNotFoundException)
        {
            // Already closed, or expired: what closing wants.
        }
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(
        Func<Proto.CuvisAIService.CuvisAIServiceClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> method,
        TRequest request,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        return _caller.CallAsync(method, request, Id, cancellationToken);
    }
}
