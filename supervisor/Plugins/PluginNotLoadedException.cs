namespace Cuvis.Sandbox.Supervisor.Plugins;

internal sealed class PluginNotLoadedException(string pluginName, string sessionId)
    : SandboxException(
        $"Plugin '{pluginName}' is not loaded in session {sessionId}. "
        + "Load it with LoadPlugins, or call ListLoadedPlugins to see what is loaded.");
