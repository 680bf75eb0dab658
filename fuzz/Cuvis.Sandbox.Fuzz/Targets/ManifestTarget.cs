using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>The plugin manifest of LoadPlugins, as the supervisor parses it.</summary>
internal sealed class ManifestTarget : IFuzzTarget
{
    private static readonly AllocationBudget Budget = new(256 * 1024, 64);

    public string Name => "manifest";

    public void Run(byte[] input)
    {
        IReadOnlyList<ManifestEntry> entries;
        try
        {
            entries = Budget.Measure(input, () => PluginManifestParser.Parse(input));
        }
        catch (InvalidManifestException)
        {
            return;
        }

        if (entries.Count > PluginOptions.DefaultMaxManifestEntries
            || entries.FirstOrDefault(entry => (entry.Spec is null) == (entry.Error is null)) is not null)
        {
            throw new FuzzFinding("Every entry must have a spec or an error, and no more than the limit may be read.");
        }
    }
}
