using System.Text;
using System.Text.Json;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>A manifest as the property tests generate it: the specs it must parse to, and how its JSON is laid out.</summary>
internal sealed record ManifestModel(IReadOnlyList<PluginSpec> Plugins, bool Indented, IReadOnlyList<int[]> KeyOrders)
{
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = Indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("plugins");
            for (var i = 0; i < Plugins.Count; i++)
            {
                WriteEntry(writer, Plugins[i], KeyOrders[i]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToJson());

    private static void WriteEntry(Utf8JsonWriter writer, PluginSpec spec, int[] keyOrder)
    {
        writer.WriteStartObject(spec.Name);
        var keys = spec is GitPluginSpec ? new[] { "provides", "repo", "ref" } : ["provides", "path"];
        foreach (var key in keyOrder.Where(index => index < keys.Length).Select(index => keys[index]))
        {
            switch (key)
            {
                case "provides":
                    writer.WriteStartArray("provides");
                    spec.Provides.ToList().ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                    break;
                case "repo":
                    writer.WriteString("repo", spec.Source);
                    break;
                case "ref":
                    writer.WriteString("ref", spec.Ref);
                    break;
                default:
                    writer.WriteString("path", spec.Source);
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
