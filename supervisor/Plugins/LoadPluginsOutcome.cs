namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>What LoadPlugins reports: names loaded (manifest order) and the reason for each failure.</summary>
internal sealed record LoadPluginsOutcome(IReadOnlyList<string> Loaded, IReadOnlyDictionary<string, string> Failed);
