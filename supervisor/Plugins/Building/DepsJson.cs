using System.Text.Json;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>Reads the one fact the builder needs from a <c>.deps.json</c>: which libraries it lists.</summary>
internal static class DepsJson
{
    /// <summary>True when <c>&lt;owner&gt;.deps.json</c> lists <paramref name="library"/> (any version).</summary>
    public static bool ListsLibrary(string directory, string owner, string library)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, owner + ".deps.json")));
            return document.RootElement.TryGetProperty("libraries", out var libraries)
                && libraries.EnumerateObject().Any(l => l.Name.StartsWith(library + "/", StringComparison.Ordinal));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
