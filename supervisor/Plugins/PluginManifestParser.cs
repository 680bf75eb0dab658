using System.Text.Json;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Reads the manifest JSON cuvis-ai's <c>PluginManifest.model_dump_json()</c> produces. A
/// manifest that is not JSON or has the wrong top-level shape is refused as a whole
/// (<see cref="InvalidManifestException"/>); each entry is then checked on its own, so one bad
/// entry fails alone while the others load.
/// </summary>
internal static class PluginManifestParser
{
    /// <summary>Nesting a manifest may use; its own shape needs 4 levels.</summary>
    public const int MaxDepth = 16;

    private static readonly string[] GitKeys = ["provides", "repo", "ref"];
    private static readonly string[] LocalKeys = ["provides", "path"];

    /// <param name="json">The manifest's bytes.</param>
    /// <param name="maxEntries">Most entries accepted (<see cref="PluginOptions.MaxManifestEntries"/>); a longer manifest is refused as a whole.</param>
    public static IReadOnlyList<ManifestEntry> Parse(ReadOnlyMemory<byte> json, int maxEntries = PluginOptions.DefaultMaxManifestEntries)
    {
        if (json.IsEmpty)
        {
            throw new InvalidManifestException("manifest.config_bytes is empty");
        }

        ManifestEncoding.Check(json.Span);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new InvalidManifestException($"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException($"the top level is a JSON {Describe(root.ValueKind)}, not an object");
            }

            var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => n != "plugins").ToArray();
            if (unknown.Length > 0)
            {
                throw new InvalidManifestException($"unknown top-level key(s) {Quote(unknown)}; only \"plugins\" is allowed", unknown[0]);
            }

            if (!root.TryGetProperty("plugins", out var plugins) || plugins.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException("\"plugins\" must be an object mapping plugin names to their configuration", "plugins");
            }

            var count = plugins.EnumerateObject().Count();
            if (count > maxEntries)
            {
                throw new InvalidManifestException(
                    $"it lists {count} plugins, more than the {maxEntries} one manifest may hold (Plugins:MaxManifestEntries); "
                    + "load them over several LoadPlugins calls, or ask the operator to raise Plugins:MaxManifestEntries", "plugins");
            }

            var entries = new List<ManifestEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var plugin in plugins.EnumerateObject())
            {
                if (!seen.Add(plugin.Name))
                {
                    throw new InvalidManifestException($"plugin \"{plugin.Name}\" is listed twice", "plugins." + plugin.Name);
                }

                entries.Add(ParseEntry(plugin.Name, plugin.Value));
            }

            return entries;
        }
    }

    private static ManifestEntry ParseEntry(string name, JsonElement entry)
    {
        try
        {
            return new ManifestEntry(name, ParseSpec(name, entry), null);
        }
        catch (FormatException e)
        {
            return new ManifestEntry(name, null, e.Message);
        }
    }

    private static PluginSpec ParseSpec(string name, JsonElement entry)
    {
        if (!IsIdentifier(name))
        {
            throw new FormatException(
                $"Plugin name '{name}' is not an identifier: use letters, digits and '_', not starting with a digit.");
        }

        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The configuration of '{name}' is a JSON {Describe(entry.ValueKind)}, not an object.");
        }

        var keys = entry.EnumerateObject().Select(p => p.Name).ToArray();
        var isGit = keys.Contains("repo") || keys.Contains("ref");
        var isLocal = keys.Contains("path");
        if (isGit == isLocal)
        {
            throw new FormatException(isGit
                ? $"'{name}' has both \"path\" and \"repo\"/\"ref\": a plugin is either a git plugin (repo, ref) or a local one (path)."
                : $"'{name}' needs either \"repo\" and \"ref\" (git plugin) or \"path\" (local plugin).");
        }

        var allowed = isGit ? GitKeys : LocalKeys;
        var unknown = keys.Except(allowed, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new FormatException(
                $"'{name}' has unknown key(s) {Quote(unknown)}; a {(isGit ? "git" : "local")} plugin takes exactly {Quote(allowed)}.");
        }

        var provides = ParseProvides(name, entry);
        if (isGit)
        {
            return new GitPluginSpec(name, provides, RequiredString(name, entry, "repo"), RequiredString(name, entry, "ref"));
        }

        var path = RequiredString(name, entry, "path");
        if (!Path.IsPathFullyQualified(path))
        {
            throw new FormatException($"The path of '{name}' must be absolute, got '{path}'.");
        }

        return new LocalPluginSpec(name, provides, path);
    }

    private static List<string> ParseProvides(string name, JsonElement entry)
    {
        if (!entry.TryGetProperty("provides", out var provides) || provides.ValueKind != JsonValueKind.Array || provides.GetArrayLength() == 0)
        {
            throw new FormatException($"'{name}' needs \"provides\": a non-empty list of fully-qualified node type names.");
        }

        var types = new List<string>();
        foreach (var item in provides.EnumerateArray())
        {
            var type = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (string.IsNullOrWhiteSpace(type) || !type.Contains('.', StringComparison.Ordinal) || type.Any(char.IsWhiteSpace))
            {
                throw new FormatException(
                    $"'{name}' provides {item.GetRawText()}, which is not a fully-qualified type name such as \"MyPlugin.Nodes.MyNode\".");
            }

            types.Add(type);
        }

        return types;
    }

    private static string RequiredString(string name, JsonElement entry, string key) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"'{name}' needs \"{key}\" as a non-empty string.");

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Quote(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
