using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Diagnostics;

/// <summary>Counters and the periodic summary line (configuration section <c>Diagnostics</c>).</summary>
internal sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>How often the counters are logged in one line while sessions are open. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Port of the operator endpoint: the operator page at <c>/</c> and <c>/status.json</c>, Prometheus
    /// metrics at <c>/metrics</c>. Default none (off);
    /// 0 picks a free port. It has no authentication: keep it on <see cref="MetricsBindAddress"/>'s loopback default
    /// or behind a firewall.
    /// </summary>
    [Range(0, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>Address the operator endpoint binds: an IP address. Default 127.0.0.1.</summary>
    [Required]
    public string MetricsBindAddress { get; set; } = "127.0.0.1";
}
