using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>Domain values to public protobuf messages; generated types stop at this folder.</summary>
internal static class ProtoMapping
{
    public static PluginInfo ToProto(this LoadedPlugin plugin)
    {
        var info = new PluginInfo
        {
            Name = plugin.Spec.Name,
            Type = plugin.Spec.Type,
            Source = plugin.Spec.Source,
            Ref = plugin.Spec.Ref,
            Commit = plugin.Commit,
        };
        info.Provides.Add(plugin.Spec.Provides);
        return info;
    }

    public static LoadPluginsResponse ToProto(this LoadPluginsOutcome outcome)
    {
        var response = new LoadPluginsResponse();
        response.LoadedPlugins.Add(outcome.Loaded);
        foreach (var (name, reason) in outcome.Failed)
        {
            response.FailedPlugins[name] = reason;
        }

        return response;
    }
}
