using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>Rendering pipeline drawings with Graphviz (configuration section <c>Visualization</c>).</summary>
internal sealed class VisualizationOptions
{
    public const string Section = "Visualization";

    /// <summary>Graphviz's <c>dot</c> (Debian package <c>graphviz</c>). Default <c>/usr/bin/dot</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Visualization:DotPath must name Graphviz's dot, e.g. /usr/bin/dot.")]
    public string DotPath { get; set; } = "/usr/bin/dot";

    /// <summary>How long one rendering may take before dot is killed. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Visualization:RenderTimeout must be between 0.1 s and 10 min.")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest image returned; dot is killed when it writes more. Default 16 MiB.</summary>
    [Range(1024, 1024 * 1024 * 1024, ErrorMessage = "Visualization:OutputLimitBytes must be between 1 KiB and 1 GiB.")]
    public int OutputLimitBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Memory of dot's cgroup, under the strict profile. Default 512 MiB.</summary>
    [Range(16L * 1024 * 1024, long.MaxValue, ErrorMessage = "Visualization:MemoryLimitBytes must be at least 16 MiB.")]
    public long MemoryLimitBytes { get; set; } = 512L * 1024 * 1024;
}
