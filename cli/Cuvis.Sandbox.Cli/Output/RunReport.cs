using System.Globalization;
using Cuvis.Sandbox.Cli.Running;
using Spectre.Console;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>What <c>cuvis run</c> prints for people: the outputs, metrics, pictures and timings.</summary>
internal static class RunReport
{
    public static void Write(IAnsiConsole console, RunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("output").AddColumn("dtype").AddColumn("shape").AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn("file");
        foreach (var (name, tensor) in summary.Outputs)
        {
            table.AddRow(new Text(name), new Text(tensor.Dtype), new Text(Describe.Shape(tensor.Shape)), new Text(Number(tensor.Min)),
                new Text(Number(tensor.Max)), new Text(tensor.File));
        }

        console.Write(table);
        foreach (var (name, value) in summary.Metrics)
        {
            console.MarkupLine($"metric [bold]{Markup.Escape(name)}[/] = {Number(value)}");
        }

        foreach (var picture in summary.Pictures)
        {
            console.MarkupLine($"picture [green]{Markup.Escape(picture.File)}[/] ({KindName(picture.Kind)} of {Markup.Escape(picture.Source)}, {picture.Width} x {picture.Height})");
        }

        var steps = string.Join(", ", summary.TimingsMs.Where(t => t.Key != "total").Select(t => $"{t.Key.Replace('_', ' ')} {Ms(t.Value)}"));
        console.MarkupLine($"[grey]{Markup.Escape(steps)}; total {Ms(summary.TimingsMs["total"])}[/]");
        if (summary.NodeTimings.Count > 0)
        {
            console.MarkupLine($"[grey]nodes: {Markup.Escape(string.Join(", ", summary.NodeTimings.Select(t => $"{t.Node} {Ms(t.Ms)}")))}[/]");
        }

        console.MarkupLine($"Wrote {summary.Outputs.Count} outputs, {summary.Pictures.Count} pictures and summary.json to [bold]{Markup.Escape(summary.OutDir)}[/]");
    }

    private static string KindName(string kind) => kind switch
    {
        "false_rgb" => "false-RGB image",
        "mask_overlay" => "mask over the false-RGB image",
        _ => kind,
    };

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string Ms(double milliseconds) =>
        milliseconds >= 1000 ? $"{(milliseconds / 1000).ToString("0.0#", CultureInfo.InvariantCulture)} s" : $"{milliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms";
}
