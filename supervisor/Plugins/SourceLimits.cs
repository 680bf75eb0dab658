namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>How large one plugin's sources may be, git or local (<see cref="PluginOptions.MaxSourceFiles"/>, <see cref="PluginOptions.MaxSourceBytes"/>).</summary>
internal sealed record SourceLimits(int MaxFiles, long MaxBytes)
{
    public static SourceLimits From(PluginOptions options) => new(options.MaxSourceFiles, options.MaxSourceBytes);
}
