namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>The two manifest generations this server reads.</summary>
internal enum ManifestShape
{
    /// <summary>The seed's LoadPlugins manifest: <c>{"plugins": {name: {provides, repo + ref | path}}}</c>, JSON.</summary>
    Plugins,

    /// <summary>Upstream's LoadPlugin manifest: one plugin, <c>name</c>, <c>repo</c> + <c>tag</c> or <c>path</c>, <c>capabilities</c>; JSON or YAML.</summary>
    SinglePlugin,
}
