using System.Security.Cryptography;
using System.Text;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// Only the supervisor drives a worker: every call must carry the secret the supervisor wrote
/// on the worker's stdin (<see cref="WorkerProtocol.TokenHeader"/>). A process that reaches the
/// socket some other way (another local user, another session's plugin) is refused before any
/// handler runs.
/// </summary>
internal sealed class WorkerTokenInterceptor(WorkerToken token) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var presented = context.RequestHeaders.GetValue(WorkerProtocol.TokenHeader);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), token.Bytes))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "This socket belongs to a Cuvis.Sandbox session worker; only its supervisor may call it."));
        }

        return continuation(request, context);
    }
}
