namespace Cuvis.Sandbox.Client;

/// <summary>How a loaded plugin was fetched (<c>PluginInfo.type</c> on the wire).</summary>
public enum PluginKind
{
    /// <summary>A value this client does not know; a newer server may send one.</summary>
    Unknown = 0,

    /// <summary>Cloned from a git repository at a ref (<c>"git"</c>).</summary>
    Git = 1,

    /// <summary>A directory on the server's machine (<c>"local"</c>).</summary>
    Local = 2,
}
