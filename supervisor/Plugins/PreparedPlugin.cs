using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>A plugin fetched and built, ready to be staged into a session.</summary>
/// <param name="Build">Where the build output is.</param>
/// <param name="Commit">The resolved commit of a git plugin; "" for local plugins.</param>
internal sealed record PreparedPlugin(BuiltPlugin Build, string Commit);
