namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// One manifest entry could not be fetched, built or loaded. Never a gRPC error: its message
/// goes to <c>failed_plugins[name]</c> while the other entries load.
/// </summary>
internal sealed class PluginLoadException(string message, Exception? innerException = null)
    : SandboxException(message, innerException);
