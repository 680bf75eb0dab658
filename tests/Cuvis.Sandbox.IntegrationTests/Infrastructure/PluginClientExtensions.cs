using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

internal static class PluginClientExtensions
{
    // Builds take seconds, more on a busy 2-core machine: bound the wait, but generously.
    private static DateTime LoadDeadline => DateTime.UtcNow.AddMinutes(4);

    public static async Task<LoadPluginsResponse> LoadPluginsAsync(this SupervisorProcess supervisor, string sessionId, ByteString manifest) =>
        await supervisor.Client.LoadPluginsAsync(
            new LoadPluginsRequest { SessionId = sessionId, Manifest = new PluginManifest { ConfigBytes = manifest } },
            deadline: LoadDeadline);

    public static async Task<IReadOnlyList<NodeInfo>> NodesAsync(this SupervisorProcess supervisor, string sessionId) =>
        (await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = sessionId }, deadline: DateTime.UtcNow.AddMinutes(1))).Nodes;

    public static async Task<IReadOnlyList<PluginInfo>> PluginsAsync(this SupervisorProcess supervisor, string sessionId) =>
        (await supervisor.Client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = sessionId }, deadline: DateTime.UtcNow.AddMinutes(1))).Plugins;

    /// <summary>How often the supervisor's log says a fragment (e.g. a build or a clone happened).</summary>
    public static int LogCount(this SupervisorProcess supervisor, string fragment) =>
        supervisor.Log.Split('\n').Count(line => line.Contains(fragment, StringComparison.Ordinal));
}
