using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>
/// Times every public unary call and records it by method and final status
/// (<see cref="SandboxMetrics.RpcFinished"/>). Registered first, so it sees the status the client
/// gets, after the domain exceptions are mapped.
/// </summary>
internal sealed class RpcMetricsInterceptor(SandboxMetrics metrics, TimeProvider timeProvider) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = timeProvider.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        catch
        {
            status = StatusCode.Unknown;
            throw;
        }
        finally
        {
            metrics.RpcFinished(MethodName(context.Method), status, timeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>"/cuvis_ai.v1.CuvisAIService/CreateSession" -> "CreateSession"; the set of methods is fixed, so the tag stays small.</summary>
    private static string MethodName(string method) => method[(method.LastIndexOf('/') + 1)..];
}
