namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>A ref found in a local bare repository, and the full sha of the commit it names.</summary>
internal sealed record GitResolvedRef(GitRefKind Kind, string Commit);
