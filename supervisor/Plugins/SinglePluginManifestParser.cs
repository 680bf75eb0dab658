using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf.Reflection;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Checks a LoadPlugin manifest as cuvis-ai-schemas' <c>PluginManifest</c> (git or local source)
/// checks it: unknown keys are refused at every level; <c>name</c> is an identifier; a git source
/// is <c>repo</c> + <c>tag</c> (a tag only: a branch or commit fails when the ref is resolved); a
/// local one is <c>path</c>; <c>capabilities</c> is a non-empty list of fully-qualified class names
/// with optional palette metadata. Any problem fails the whole manifest with the key at fault named.
/// Unlike upstream, a relative <c>path</c> is refused (there is no manifest file to resolve it
/// against) and the repository URL is checked by the same Git transport policy as LoadPlugins'.
/// </summary>
internal static class SinglePluginManifestParser
{
    /// <summary>Capabilities one manifest may declare.</summary>
    public const int MaxCapabilities = 1024;

    /// <summary>Longest string value accepted (an icon's SVG is the longest there is).</summary>
    public const int MaxStringLength = 64 * 1024;

    private static readonly string[] TopKeys = ["name", "capabilities", "package_name", "repo", "tag", "path"];
    private static readonly string[] CapabilityKeys =
        ["class_name", "kind", "data_module_name", "extras", "category", "tags", "icon_svg", "input_specs", "output_specs", "doc_summary"];
    private static readonly string[] PortKeys = ["dtype", "shape", "optional", "description", "variadic"];

    /// <summary>The lower-case category names a manifest uses, from the proto's NodeCategory (NODE_CATEGORY_TRANSFORM: transform).</summary>
    public static IReadOnlyList<string> Categories { get; } =
        CuvisAiCoreReflection.Descriptor.FindTypeByName<EnumDescriptor>(nameof(NodeCategory)).Values.Select(v => v.Name["NODE_CATEGORY_".Length..].ToLowerInvariant()).ToArray();

    public static SinglePluginManifest Parse(ReadOnlyMemory<byte> bytes)
    {
        var root = Object(ManifestTree.Read(bytes), InvalidManifestException.Document, "the top level");
        CheckKeys(root, TopKeys, "", "a manifest takes");

        var name = String(root, "name", "", required: true)!;
        if (!IsIdentifier(name))
        {
            throw Invalid($"'name' is '{name}', which is not an identifier: use letters, digits and '_', not starting with a digit", "name");
        }

        var capabilities = Capabilities(root);
        var provides = capabilities.Where(c => c.Kind == ManifestCapability.NodeKind).Select(c => c.ClassName).Distinct(StringComparer.Ordinal).ToArray();
        var packageName = root["package_name"] is null ? null : String(root, "package_name", "", required: false);
        return new SinglePluginManifest(Source(root, name, provides), capabilities, packageName);
    }

    private static PluginSpec Source(JsonObject root, string name, IReadOnlyList<string> provides)
    {
        var isGit = root.ContainsKey("repo") || root.ContainsKey("tag");
        var isLocal = root.ContainsKey("path");
        if (isGit == isLocal)
        {
            throw Invalid(isGit
                ? "it has both 'path' and 'repo'/'tag': a plugin comes either from git (repo and tag) or from a local directory (path)"
                : "it names no source: give 'repo' and 'tag' (a git plugin) or 'path' (a local plugin)", isGit ? "path" : "repo");
        }

        if (isGit)
        {
            var repo = String(root, "repo", "", required: true)!.Trim();
            var tag = String(root, "tag", "", required: true)!.Trim();
            return tag.Length == 0
                ? throw Invalid("'tag' is blank; give the git tag to load, such as v1.2.3", "tag")
                : new GitPluginSpec(name, provides, repo, tag) { TagOnly = true };
        }

        var path = String(root, "path", "", required: true)!.Trim();
        return Path.IsPathFullyQualified(path)
            ? new LocalPluginSpec(name, provides, path)
            : throw Invalid($"'path' is '{path}', which is not absolute; this server has no manifest file to resolve a relative path against, so give the plugin directory's absolute path", "path");
    }

    private static List<ManifestCapability> Capabilities(JsonObject root)
    {
        if (root["capabilities"] is not JsonArray { Count: > 0 } list)
        {
            throw Invalid("'capabilities' must be a non-empty list, one entry per node class the plugin provides, such as [{\"class_name\": \"MyPlugin.Nodes.Threshold\"}]", "capabilities");
        }

        if (list.Count > MaxCapabilities)
        {
            throw Invalid($"'capabilities' lists {list.Count} entries, more than the {MaxCapabilities} one manifest may declare", "capabilities");
        }

        var capabilities = new List<ManifestCapability>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            capabilities.Add(Capability(list[i], $"capabilities[{i}]"));
        }

        return capabilities;
    }

    private static ManifestCapability Capability(JsonNode? node, string at)
    {
        var entry = Object(node, at, $"'{at}'");
        CheckKeys(entry, CapabilityKeys, at + ".", "a capability takes");
        var className = String(entry, "class_name", at, required: true)!;
        var parts = className.Split('.');
        if (parts.Length < 2 || !parts.All(IsIdentifier))
        {
            throw Invalid($"'{at}.class_name' is '{className}', which is not a fully-qualified dotted class name such as 'MyPlugin.Nodes.Threshold'", at + ".class_name");
        }

        var kind = String(entry, "kind", at, required: false) ?? ManifestCapability.NodeKind;
        var dataModuleName = String(entry, "data_module_name", at, required: false) ?? "";
        var extras = Strings(entry, "extras", at);
        switch (kind)
        {
            case ManifestCapability.NodeKind when dataModuleName.Length > 0 || extras.Count > 0:
                throw Invalid($"'{at}' is a node but sets 'data_module_name' or 'extras', which only data modules take", at + ".kind");
            case ManifestCapability.DataModuleKind when dataModuleName.Length == 0:
                throw Invalid($"'{at}' is a data_module without the 'data_module_name' it requires", at + ".data_module_name");
            case ManifestCapability.NodeKind or ManifestCapability.DataModuleKind:
                break;
            default:
                throw Invalid($"'{at}.kind' is '{kind}'; it takes 'node' (the default) or 'data_module'", at + ".kind");
        }

        var category = String(entry, "category", at, required: false) ?? "unspecified";
        if (!Categories.Contains(category, StringComparer.Ordinal))
        {
            throw Invalid($"'{at}.category' is '{category}'; it takes one of {string.Join(", ", Categories)}", at + ".category");
        }

        return new ManifestCapability(className, kind, dataModuleName, category, Strings(entry, "tags", at),
            String(entry, "icon_svg", at, required: false) ?? "", Ports(entry, "input_specs", at), Ports(entry, "output_specs", at),
            String(entry, "doc_summary", at, required: false) ?? "");
    }

    private static List<string> Ports(JsonObject entry, string key, string at)
    {
        if (entry[key] is null)
        {
            return [];
        }

        var ports = Object(entry[key], $"{at}.{key}", $"'{at}.{key}'");
        foreach (var (port, value) in ports)
        {
            var where = $"{at}.{key}.{port}";
            var spec = Object(value, where, $"'{where}'");
            CheckKeys(spec, PortKeys, where + ".", "a port spec takes");
            String(spec, "dtype", where, required: false);
            String(spec, "description", where, required: false);
            Boolean(spec, "optional", where);
            Boolean(spec, "variadic", where);
            if (spec["shape"] is { } shape && (shape is not JsonArray dims || dims.Any(d => d is not JsonValue v || !v.TryGetValue<long>(out _))))
            {
                throw Invalid($"'{where}.shape' must be a list of integers (-1 for a dynamic dimension)", where + ".shape");
            }
        }

        return ports.Select(p => p.Key).ToList();
    }

    private static JsonObject Object(JsonNode? node, string field, string what) =>
        node as JsonObject ?? throw Invalid($"{what} is {Describe(node)}, not a mapping", field);

    private static void CheckKeys(JsonObject entry, string[] allowed, string prefix, string takes)
    {
        var unknown = entry.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw Invalid($"unknown key(s) {Quote(unknown.Select(k => prefix + k))}; {takes} only {Quote(allowed)}", prefix + unknown[0]);
        }
    }

    private static string? String(JsonObject entry, string key, string at, bool required)
    {
        var field = at.Length == 0 ? key : $"{at}.{key}";
        if (entry[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            return text.Length > MaxStringLength
                ? throw Invalid($"'{field}' is {text.Length:N0} characters long, more than the {MaxStringLength:N0} allowed", field)
                : required && text.Length == 0 ? throw Invalid($"'{field}' is empty", field) : text;
        }

        return entry.ContainsKey(key) || required
            ? throw Invalid($"'{field}' {(entry.ContainsKey(key) ? $"is {Describe(entry[key])}, not a string" : "is missing")}", field)
            : null;
    }

    private static void Boolean(JsonObject entry, string key, string at)
    {
        if (entry.ContainsKey(key) && !(entry[key] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid($"'{at}.{key}' must be true or false", $"{at}.{key}");
        }
    }

    private static List<string> Strings(JsonObject entry, string key, string at)
    {
        if (entry[key] is null)
        {
            return [];
        }

        var field = $"{at}.{key}";
        return entry[key] is JsonArray items && items.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            ? items.Select(i => i!.GetValue<string>()).ToList()
            : throw Invalid($"'{field}' must be a list of strings", field);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "a mapping",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "a value",
    };

    private static string Quote(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"'{k}'"));

    private static InvalidManifestException Invalid(string problem, string field) => new(problem, field, ManifestShape.SinglePlugin);
}
