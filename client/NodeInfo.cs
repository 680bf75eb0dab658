namespace Cuvis.Sandbox.Client;

/// <summary>A node class a session can put in a pipeline: a builtin one, or one from a plugin the session loaded.</summary>
/// <param name="ClassName">The short class name a pipeline document may use (<c>RXPerBatch</c>).</param>
/// <param name="FullPath">The fully-qualified type name, which always identifies it.</param>
/// <param name="Source">Builtin or plugin.</param>
/// <param name="PluginName">The plugin it comes from; <see langword="null"/> for a builtin node.</param>
/// <param name="Inputs">Its input ports by name.</param>
/// <param name="Outputs">Its output ports by name.</param>
public sealed record NodeInfo(
    string ClassName,
    string FullPath,
    NodeSource Source,
    string? PluginName,
    IReadOnlyDictionary<string, PortSpec> Inputs,
    IReadOnlyDictionary<string, PortSpec> Outputs);
