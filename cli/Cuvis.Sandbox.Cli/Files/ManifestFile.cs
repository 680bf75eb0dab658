using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Client;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Cli.Files;

/// <summary>
/// A plugin manifest file, JSON (the wire's manifest JSON, as cuvis-ai writes it) or YAML of the same
/// shape (JSON is YAML), turned into the client's typed <see cref="PluginManifest"/>:
/// <c>plugins: { name: { provides: [...], repo: ..., ref: ... } | { provides: [...], path: ... } }</c>.
/// </summary>
/// <remarks>
/// A relative local <c>path</c> is taken from the manifest's own folder, since the wire wants it
/// absolute (as the server sees it: use this with a server on the same machine). Unknown keys are
/// refused here, naming the key, as the server would.
/// </remarks>
internal static class ManifestFile
{
    public static async Task<PluginManifest> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await TextFile.ReadAsync(path, "manifest", cancellationToken);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            throw CliException.LocalFile(path, $"not a valid JSON or YAML manifest: {e.Message}", e);
        }

        return Parse(root, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static PluginManifest Parse(YamlNode? root, string path, string baseDirectory)
    {
        if (root is not YamlMappingNode document || !TryGet(document, "plugins", out var pluginsNode))
        {
            throw Problem(path, "", "a manifest is a mapping with one key, plugins: {<name>: {provides: [...], repo: ..., ref: ...} or {provides: [...], path: ...}}");
        }

        if (document.Children.Keys.FirstOrDefault(k => Text(k) != "plugins") is { } extra)
        {
            throw Problem(path, Text(extra), "unknown key; a manifest has only 'plugins'");
        }

        if (pluginsNode is not YamlMappingNode plugins)
        {
            throw Problem(path, "plugins", "must map each plugin's name to its entry");
        }

        return new PluginManifest(plugins.Children.Select(pair => Entry(Text(pair.Key), pair.Value, path, baseDirectory)));
    }

    private static PluginEntry Entry(string name, YamlNode node, string path, string baseDirectory)
    {
        var field = $"plugins.{name}";
        if (node is not YamlMappingNode entry)
        {
            throw Problem(path, field, "must be a mapping: {provides: [...], repo: ..., ref: ...} or {provides: [...], path: ...}");
        }

        var isGit = TryGet(entry, "repo", out _);
        string[] allowed = isGit ? ["provides", "repo", "ref"] : ["provides", "path"];
        if (entry.Children.Keys.Select(Text).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw Problem(path, $"{field}.{unknown}", $"unknown key; a {(isGit ? "git" : "local")} entry has exactly {string.Join(", ", allowed)}");
        }

        var provides = Provides(entry, path, field);
        if (isGit)
        {
            return new GitPlugin(name, Scalar(entry, "repo", path, field), Scalar(entry, "ref", path, field), provides);
        }

        if (!TryGet(entry, "path", out _))
        {
            throw Problem(path, field, "needs repo and ref (a git plugin) or path (a local plugin)");
        }

        return new LocalPlugin(name, Path.GetFullPath(Scalar(entry, "path", path, field), baseDirectory), provides);
    }

    private static string[] Provides(YamlMappingNode entry, string path, string field) =>
        !TryGet(entry, "provides", out var node) ? throw Problem(path, $"{field}.provides", "missing: list the fully-qualified node type names the plugin provides")
        : node is YamlSequenceNode list ? [.. list.Children.Select(item => item is YamlScalarNode scalar ? scalar.Value ?? ""
            : throw Problem(path, $"{field}.provides", "must list type names (strings)"))]
        : node is YamlScalarNode one ? [one.Value ?? ""]
        : throw Problem(path, $"{field}.provides", "must list type names (strings)");

    private static string Scalar(YamlMappingNode entry, string key, string path, string field) =>
        TryGet(entry, key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw Problem(path, $"{field}.{key}", "missing or not a string");

    private static bool TryGet(YamlMappingNode mapping, string key, out YamlNode value) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out value!);

    private static string Text(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : node.ToString();

    private static CliException Problem(string path, string field, string problem) =>
        CliException.LocalFile(path, field.Length == 0 ? problem : $"{field}: {problem}");
}
