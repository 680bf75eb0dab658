using System.Text;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>The doctor's table: one row per containment layer on this host.</summary>
internal static class ContainmentTable
{
    public static string Format(ContainmentReport report)
    {
        var text = new StringBuilder();
        text.Append("Cuvis.Sandbox containment on this host (Containment:Profile=")
            .Append(report.Profile.ToString().ToLowerInvariant()).Append(")\n\n");
        var width = report.Layers.Max(l => l.Name.Length);
        text.Append("layer".PadRight(width)).Append("  state        why\n");
        foreach (var layer in report.Layers)
        {
            text.Append(layer.Name.PadRight(width)).Append("  ")
                .Append((layer.State is "off" ? "OFF" : layer.State).PadRight(11)).Append("  ").Append(layer.Detail).Append('\n');
            if (!layer.Active && layer.Remedy.Length > 0)
            {
                text.Append(new string(' ', width + 15)).Append("to enable: ").Append(layer.Remedy).Append('\n');
            }
        }

        text.Append('\n').Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    /// <summary>One sentence: how sessions are contained on this host.</summary>
    public static string Summary(ContainmentReport report) => report.Profile switch
    {
        ContainmentProfile.None => "Sessions run WITHOUT containment (development only).",
        _ when report.CanSandbox => "Sessions are contained; layers marked unavailable are not.",
        _ => "Strict profile without a working sandbox: CreateSession is refused until the namespaces layer works.",
    };
}
