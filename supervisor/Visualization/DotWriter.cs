using System.Text;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>
/// Writes a <see cref="PipelineGraph"/> as a Graphviz DOT digraph: one box per node labelled with
/// its name and class, one edge per connection labelled <c>out → in</c>. Node ids are generated
/// (<c>n0</c>, <c>n1</c>, ...); untrusted text appears only inside quoted strings, escaped so it
/// can neither end the string nor use Graphviz's label escapes (<c>\N</c>, <c>\l</c>, ...).
/// </summary>
internal static class DotWriter
{
    /// <summary>The longest name, class or port shown; longer text is cut with an ellipsis.</summary>
    public const int MaxLabelChars = 200;

    public static string Write(PipelineGraph graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph pipeline {\n");
        dot.Append("  charset=\"UTF-8\";\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            dot.Append("  n").Append(i).Append(" [label=\"").Append(Escape(node.Name)).Append("\\n").Append(Escape(node.Class)).Append("\"];\n");
        }

        foreach (var edge in graph.Edges)
        {
            dot.Append("  n").Append(edge.From).Append(" -> n").Append(edge.To)
                .Append(" [label=\"").Append(Escape(edge.FromPort)).Append(" → ").Append(Escape(edge.ToPort)).Append("\"];\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>
    /// The text of a DOT quoted string showing <paramref name="text"/> literally: backslashes and
    /// quotes escaped, line breaks and other control characters shown as spaces, <c>&lt;</c>,
    /// <c>&gt;</c> and <c>&amp;</c> as character references (Graphviz decodes them in every label,
    /// and they never open an HTML label), cut to <see cref="MaxLabelChars"/>.
    /// </summary>
    public static string Escape(string text)
    {
        var clipped = text.Length <= MaxLabelChars ? text : text[..MaxLabelChars] + "…";
        var escaped = new StringBuilder(clipped.Length + 8);
        foreach (var c in clipped)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '"' => escaped.Append("\\\""),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                _ when char.IsControl(c) => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
