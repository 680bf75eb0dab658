namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>Upstream's single-plugin manifest, read and checked.</summary>
/// <param name="Spec">The plugin to fetch, build and load; its <c>provides</c> are the node capabilities' class names.</param>
/// <param name="Capabilities">Every capability as declared, in order.</param>
/// <param name="PackageName">The optional <c>package_name</c> (a Python distribution name upstream); kept, unused here.</param>
internal sealed record SinglePluginManifest(PluginSpec Spec, IReadOnlyList<ManifestCapability> Capabilities, string? PackageName)
{
    /// <summary>The capabilities of kind <c>data_module</c>, which this server cannot serve.</summary>
    public IEnumerable<ManifestCapability> DataModules => Capabilities.Where(c => c.Kind == ManifestCapability.DataModuleKind);
}
