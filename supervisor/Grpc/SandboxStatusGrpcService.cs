using Cuvis.Sandbox.Protos.Status.V1;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// <c>cuvis_sandbox.v1.SandboxStatus</c>: the server's version, containment layers, and load, for
/// <c>cuvis doctor</c>. Callers need the same credential as for CuvisAIService; no caller is told
/// about anyone's sessions beyond the server-wide count.
/// </summary>
internal sealed class SandboxStatusGrpcService(ServerStatusReader reader) : SandboxStatus.SandboxStatusBase
{
    public override async Task<GetServerStatusResponse> GetServerStatus(GetServerStatusRequest request, ServerCallContext context)
    {
        var status = await reader.ReadAsync();
        var response = new GetServerStatusResponse
        {
            Version = status.Version,
            ContainmentProfile = status.Containment.Profile.ToString().ToLowerInvariant(),
            Serving = status.Serving,
            Summary = status.Summary,
            SessionsActive = status.Sessions.Count,
            MaxSessions = status.MaxSessions,
            PoolReady = status.PoolReady,
            PoolTarget = status.PoolTarget,
            UptimeSeconds = (long)status.Uptime.TotalSeconds,
        };
        response.Layers.AddRange(status.Containment.Layers.Select(layer => new ContainmentLayer
        {
            Name = layer.Name,
            State = layer.State,
            Detail = layer.Detail,
            Remedy = layer.Remedy,
        }));
        return response;
    }
}
