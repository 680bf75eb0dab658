using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// The plugins to load into a session, written as the manifest JSON of the wire contract, which
/// is what cuvis-ai's <c>PluginManifest.model_dump_json()</c> produces:
/// <c>{"plugins":{"&lt;name&gt;":{"provides":[...],"repo":"...","ref":"..."},"&lt;name&gt;":{"provides":[...],"path":"..."}}}</c>.
/// </summary>
/// <remarks>
/// Entries keep their order. Names must be unique: the server refuses a manifest that lists a
/// name twice as a whole (<see cref="CuvisInvalidRequestException"/> with the field
/// <c>plugins.&lt;name&gt;</c>). The JSON is written by <see cref="Utf8JsonWriter"/>, with no
/// reflection, and escapes only what JSON requires (quotes, backslashes, control characters), as
/// Pydantic does. Two manifests are equal when their entries are, in order.
/// </remarks>
public sealed record PluginManifest
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Initializes a new instance of the <see cref="PluginManifest"/> class.</summary>
    /// <param name="plugins">The plugins, in order; none gives a manifest that loads nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plugins"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="plugins"/> holds <see langword="null"/>.</exception>
    public PluginManifest(params IEnumerable<PluginEntry> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        PluginEntry[] entries = [.. plugins];
        if (Array.IndexOf(entries, null) is var index and >= 0)
        {
            throw new ArgumentException($"Plugins holds null at index {index}.", nameof(plugins));
        }

        Plugins = Array.AsReadOnly(entries);
    }

    /// <summary>Gets the plugins, in order.</summary>
    public IReadOnlyList<PluginEntry> Plugins { get; }

    /// <summary>Returns the manifest JSON, compact, as it is sent.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    /// <summary>Returns the manifest JSON (<see cref="ToJson"/>).</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => ToJson();

    /// <inheritdoc/>
    public bool Equals(PluginManifest? other) => other is not null && Plugins.SequenceEqual(other.Plugins);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var plugin in Plugins)
        {
            hash.Add(plugin);
        }

        return hash.ToHashCode();
    }

    /// <summary>The UTF-8 bytes <c>PluginManifest.config_bytes</c> carries.</summary>
    internal byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("plugins");
            foreach (var plugin in Plugins)
            {
                writer.WriteStartObject(plugin.Name);
                writer.WriteStartArray("provides");
                foreach (var type in plugin.Provides)
                {
                    writer.WriteStringValue(type);
                }

                writer.WriteEndArray();
                plugin.WriteSourceTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
