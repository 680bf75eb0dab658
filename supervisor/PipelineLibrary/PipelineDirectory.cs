using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Yaml;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>
/// The pipelines directory (<see cref="PipelineLibraryOptions.Directory"/>): lists its YAML
/// pipelines with their metadata, reads one, resolves one with overrides, and saves a session's
/// pipeline into it. Every path a client gives is confined to the directory or, for ResolveConfig,
/// to the session's search paths (<see cref="LibraryPath"/>).
/// </summary>
internal sealed partial class PipelineDirectory(IOptions<PipelineLibraryOptions> options, ILogger<PipelineDirectory> logger)
{
    private const int MaxDepth = 32;
    private const int MaxValues = 100_000;

    private PipelineLibraryOptions Settings => options.Value;

    public IReadOnlyList<PipelineInfo> List(string? filterTag)
    {
        var root = Settings.Directory;
        var found = new List<PipelineInfo>();
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Take(Settings.MaxFiles);
        foreach (var file in files)
        {
            try
            {
                var info = Read(root, file, Path.GetRelativePath(root, file));
                if (string.IsNullOrEmpty(filterTag) || info.Metadata.Tags.Contains(filterTag))
                {
                    found.Add(info);
                }
            }
            catch (Exception e) when (e is SandboxException or IOException or UnauthorizedAccessException)
            {
                Log.Skipped(logger, file, e.Message);
            }
        }

        return found;
    }

    /// <summary>One pipeline of the directory or, after it, of <paramref name="searchPaths"/>.</summary>
    public PipelineInfo Info(string relative, string field, IReadOnlyList<string> searchPaths)
    {
        foreach (var root in (IEnumerable<string>)[Settings.Directory, .. searchPaths])
        {
            var path = LibraryPath.Combine(root, relative, field);
            if (File.Exists(path))
            {
                return Read(root, LibraryPath.Confine(root, path, field, relative), relative);
            }
        }

        throw new PipelineNotFoundException(field, relative, [Settings.Directory, .. searchPaths]);
    }

    /// <summary>The pipeline at <paramref name="relative"/> with <paramref name="overrides"/> applied, as JSON.</summary>
    public byte[] Resolve(string relative, IReadOnlyList<string> overrides, IReadOnlyList<string> searchPaths)
    {
        var info = Info(relative, "path", searchPaths);
        var document = Parse(info.YamlContent, "path") as JsonObject
            ?? throw new InvalidPipelineLibraryRequestException($"pipeline '{relative}' is not a mapping of nodes and connections", "path");
        PipelineOverrides.Apply(document, overrides);
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    /// <summary>Writes <paramref name="document"/> with <paramref name="metadata"/>'s set fields merged into its metadata; atomically, replacing a file of the same name.</summary>
    /// <returns>The path written, relative to the directory.</returns>
    public string Save(ReadOnlyMemory<byte> document, string relative, PipelineMetadata? metadata)
    {
        const string Field = "pipeline_path";
        if (!relative.EndsWith(".yaml", StringComparison.Ordinal) && !relative.EndsWith(".yml", StringComparison.Ordinal))
        {
            relative += ".yaml";
        }

        var target = LibraryPath.Combine(Settings.SaveDirectory, relative, Field);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        LibraryPath.Confine(Settings.SaveDirectory, directory, Field, relative);
        var tree = Parse(Encoding.UTF8.GetString(document.Span), Field) as JsonObject ?? [];
        Merge(tree, metadata);
        var yaml = new SerializerBuilder().Build().Serialize(Plain(tree));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, yaml);
        File.Move(temporary, target, overwrite: true);
        return Path.GetRelativePath(Settings.Directory, target);
    }

    private PipelineInfo Read(string root, string file, string relative)
    {
        var length = new FileInfo(file).Length;
        if (length > Settings.MaxFileBytes)
        {
            throw new InvalidPipelineLibraryRequestException($"pipeline '{relative}' is {length:N0} bytes, more than Pipelines:MaxFileBytes ({Settings.MaxFileBytes:N0})", "pipeline_path");
        }

        var text = File.ReadAllText(file);
        var info = new PipelineInfo { PipelinePath = relative, ResolvedPath = file, YamlContent = text, Metadata = new PipelineMetadata() };
        if (Parse(text, "pipeline_path") is JsonObject document && document["metadata"] is JsonObject metadata)
        {
            info.Metadata.Name = Text(metadata, "name");
            info.Metadata.Description = Text(metadata, "description");
            info.Metadata.Created = Text(metadata, "created");
            info.Metadata.CuvisAiVersion = Text(metadata, "cuvis_ai_version");
            info.Metadata.Author = Text(metadata, "author");
            if (metadata["tags"] is JsonArray tags)
            {
                info.Metadata.Tags.Add(tags.Select(t => t?.ToString() ?? "").Where(t => t.Length > 0));
            }
        }

        return info;
    }

    private static JsonNode? Parse(string text, string field) =>
        YamlJson.Load(text, MaxDepth, MaxValues, problem => new InvalidPipelineLibraryRequestException($"the pipeline document is {problem}", field));

    private static string Text(JsonObject map, string key) => map[key] is JsonValue value ? value.ToString() : "";

    private static void Merge(JsonObject document, PipelineMetadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        var target = document["metadata"] as JsonObject ?? [];
        document["metadata"] = target;
        void Set(string key, string value)
        {
            if (value.Length > 0)
            {
                target[key] = value;
            }
        }

        Set("name", metadata.Name);
        Set("description", metadata.Description);
        Set("created", metadata.Created);
        Set("cuvis_ai_version", metadata.CuvisAiVersion);
        Set("author", metadata.Author);
        if (metadata.Tags.Count > 0)
        {
            target["tags"] = new JsonArray([.. metadata.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }
    }

    /// <summary>The tree as the plain objects YamlDotNet serialises (maps, lists, scalars).</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject map => map.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray list => list.Select(Plain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
            _ => value.GetValue<double>(),
        },
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(3100, LogLevel.Warning, "Pipeline file {File} skipped in the listing: {Reason}")]
        public static partial void Skipped(ILogger logger, string file, string reason);
    }
}
