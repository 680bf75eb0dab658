using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// JSON is UTF-8 text whose escapes name whole characters. System.Text.Json checks neither until
/// a string is read, and then throws <see cref="InvalidOperationException"/>, which would reach the
/// client as an internal error; so the manifest's bytes are checked before they are interpreted.
/// </summary>
internal static class ManifestEncoding
{
    public static void Check(ReadOnlySpan<byte> json, ManifestShape shape = ManifestShape.Plugins)
    {
        if (FirstInvalidUtf8(json) is var invalid and >= 0)
        {
            throw new InvalidManifestException($"it is not valid UTF-8 (byte {invalid}); send the manifest as UTF-8 {(shape == ManifestShape.Plugins ? "JSON" : "JSON or YAML")}", shape: shape);
        }

        if (FirstBadEscape(json) is var escape and >= 0)
        {
            throw new InvalidManifestException(
                $"a string holds an escaped lone surrogate (\\uD800-\\uDFFF) at byte {escape}; "
                + "escape a character beyond U+FFFF as a high and low surrogate pair, or send it unescaped", shape: shape);
        }
    }

    private static long FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    // Only escaped strings are decoded, so the pass allocates no more than the input holds.
    private static long FirstBadEscape(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = PluginManifestParser.MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !CanDecode(ref reader))
                {
                    return reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the parse that follows reports where and why.
        }

        return -1;
    }

    private static bool CanDecode(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
