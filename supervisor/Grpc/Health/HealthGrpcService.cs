using Grpc.Core;
using Grpc.Health.V1;

namespace Cuvis.Sandbox.Supervisor.Grpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service over <see cref="ServerHealth"/>. Check answers
/// NOT_FOUND for a service this server does not serve. Watch sends the current status at once and
/// again when it changes; at shutdown it sends NOT_SERVING and completes, so a watching client
/// learns of it before the connection goes and does not hold the server's shutdown open.
/// </summary>
internal sealed class HealthGrpcService(ServerHealth health) : global::Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        await health.GetAsync(request.Service) is { } status
            ? new HealthCheckResponse { Status = status }
            : throw new RpcException(new Status(StatusCode.NotFound,
                $"This server does not serve '{request.Service}'. Ask for one of: {Known()}."));

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        // An unknown service is reported as SERVICE_UNKNOWN and the call stays open, as the protocol asks;
        // the set of services never changes while the server runs, so it stays unknown until shutdown.
        var status = await health.GetAsync(request.Service) ?? HealthCheckResponse.Types.ServingStatus.ServiceUnknown;
        await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);

        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, health.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException) when (health.Stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            if (status is not (HealthCheckResponse.Types.ServingStatus.ServiceUnknown or HealthCheckResponse.Types.ServingStatus.NotServing))
            {
                await responseStream.WriteAsync(
                    new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.NotServing }, context.CancellationToken);
            }
        }
    }

    private static string Known() => string.Join(", ", ServerHealth.Services.Select(s => $"'{s}'"));
}
