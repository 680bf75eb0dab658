namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>A plugin ready to load: its output folder and the file name of its main assembly.</summary>
internal sealed record BuiltPlugin(string Directory, string MainAssembly);
