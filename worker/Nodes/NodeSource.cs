namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>Where a node class comes from.</summary>
internal enum NodeSource
{
    /// <summary>Shipped with the worker (<see cref="BuiltinNodes"/>).</summary>
    Builtin,

    /// <summary>Provided by a plugin loaded in the session.</summary>
    Plugin,
}
