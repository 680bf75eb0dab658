namespace Cuvis.Sandbox.Client;

/// <summary>Where a node class comes from (<c>NodeInfo.source</c> on the wire).</summary>
public enum NodeSource
{
    /// <summary>A value this client does not know; a newer server may send one.</summary>
    Unknown = 0,

    /// <summary>Built into the server (<c>"builtin"</c>).</summary>
    Builtin = 1,

    /// <summary>From a plugin the session loaded (<c>"plugin"</c>).</summary>
    Plugin = 2,
}
