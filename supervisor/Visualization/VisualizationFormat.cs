namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>What GetPipelineVisualization answers with: Graphviz's DOT text, or an image Graphviz renders from it.</summary>
internal enum VisualizationFormat
{
    Png,
    Svg,
    Dot,
}

/// <summary>Reads and names <see cref="VisualizationFormat"/> as the wire spells it.</summary>
internal static class VisualizationFormats
{
    /// <summary>Case-insensitive; empty is png, upstream's default.</summary>
    public static VisualizationFormat Parse(string format) => format.Trim().ToUpperInvariant() switch
    {
        "" or "PNG" => VisualizationFormat.Png,
        "SVG" => VisualizationFormat.Svg,
        "DOT" => VisualizationFormat.Dot,
        _ => throw InvalidVisualizationRequestException.UnknownFormat(format),
    };

    /// <summary>The wire name, also Graphviz's <c>-T</c> argument.</summary>
    public static string Name(this VisualizationFormat format) => format switch
    {
        VisualizationFormat.Png => "png",
        VisualizationFormat.Svg => "svg",
        _ => "dot",
    };
}
