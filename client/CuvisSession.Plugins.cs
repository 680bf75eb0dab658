using Cuvis.Sandbox.Client.Grpc;
using Google.Protobuf;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Client;

public sealed partial class CuvisSession
{
    /// <summary>
    /// Loads the manifest's plugins into this session: the server fetches and builds each one (or
    /// takes it from its cache) and loads it into the session's worker only.
    /// </summary>
    /// <param name="manifest">The plugins to load.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The plugins that loaded and, by name, those that did not, with the reason: a plugin that fails is an answer, not an exception.</returns>
    /// <exception cref="CuvisInvalidRequestException">The manifest as a whole was refused (a name listed twice, too many entries); <see cref="CuvisInvalidRequestException.FieldViolations"/> names the key.</exception>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<PluginLoadResult> LoadPluginsAsync(PluginManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var request = new Proto.LoadPluginsRequest
        {
            SessionId = Id,
            Manifest = new Proto.PluginManifest { ConfigBytes = UnsafeByteOperations.UnsafeWrap(manifest.ToUtf8Json()) },
        };
        var response = await CallAsync(static (stub, request, options) => stub.LoadPluginsAsync(request, options), request, cancellationToken)
            .ConfigureAwait(false);
        return response.ToResult();
    }

    /// <summary>Lists the plugins loaded in this session.</summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The loaded plugins.</returns>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<IReadOnlyList<PluginInfo>> ListLoadedPluginsAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(
            static (stub, request, options) => stub.ListLoadedPluginsAsync(request, options),
            new Proto.ListLoadedPluginsRequest { SessionId = Id }, cancellationToken).ConfigureAwait(false);
        return Array.AsReadOnly([.. response.Plugins.Select(p => p.ToPluginInfo())]);
    }

    /// <summary>Describes one plugin loaded in this session.</summary>
    /// <param name="pluginName">The name the manifest gave it.</param>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The plugin.</returns>
    /// <exception cref="CuvisNotFoundException">No plugin of that name is loaded in this session (a <see cref="CuvisSessionNotFoundException"/> when the session itself is gone).</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<PluginInfo> GetPluginInfoAsync(string pluginName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pluginName);
        var response = await CallAsync(
            static (stub, request, options) => stub.GetPluginInfoAsync(request, options),
            new Proto.GetPluginInfoRequest { SessionId = Id, PluginName = pluginName }, cancellationToken).ConfigureAwait(false);
        return (response.Plugin ?? new Proto.PluginInfo { Name = pluginName }).ToPluginInfo();
    }

    /// <summary>Lists the node classes this session's pipelines may use: the builtin ones and those of its loaded plugins.</summary>
    /// <param name="cancellationToken">Ends the call early.</param>
    /// <returns>The node classes with their ports.</returns>
    /// <exception cref="CuvisSessionNotFoundException">The session is gone.</exception>
    /// <exception cref="CuvisSandboxException">The server refused the call for another reason.</exception>
    /// <exception cref="ObjectDisposedException">This session was closed.</exception>
    public async Task<IReadOnlyList<NodeInfo>> ListAvailableNodesAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(
            static (stub, request, options) => stub.ListAvailableNodesAsync(request, options),
            new Proto.ListAvailableNodesRequest { SessionId = Id }, cancellationToken).ConfigureAwait(false);
        return Array.AsReadOnly([.. response.Nodes.Select(n => n.ToNodeInfo())]);
    }
}
