using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>Counters and the periodic summary line (configuration section <c>Diagnostics</c>).</summary>
internal sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>How often the counters are logged in one line while sessions are open. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromMinutes(5);
}
