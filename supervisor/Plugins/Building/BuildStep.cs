namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>One <c>dotnet</c> run of a plugin build.</summary>
/// <param name="Arguments">Arguments to <c>dotnet</c>; paths relative to the build directory.</param>
/// <param name="Network">True for restore, which may reach the configured package sources; compilation runs without a network.</param>
internal sealed record BuildStep(IReadOnlyList<string> Arguments, bool Network);
