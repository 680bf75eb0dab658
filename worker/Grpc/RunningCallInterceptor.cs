using System.Globalization;
using Cuvis.Sandbox.Protos;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>Records every call that carries <see cref="WorkerProtocol.CallIdHeader"/> in <see cref="RunningCalls"/> until its handler returns.</summary>
internal sealed class RunningCallInterceptor(RunningCalls running) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!long.TryParse(context.RequestHeaders.GetValue(WorkerProtocol.CallIdHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var callId))
        {
            return await continuation(request, context);
        }

        running.Started(callId);
        try
        {
            return await continuation(request, context);
        }
        finally
        {
            running.Ended(callId);
        }
    }
}
