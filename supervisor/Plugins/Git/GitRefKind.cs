namespace Cuvis.Sandbox.Supervisor.Plugins.Git;

/// <summary>What a client's ref turned out to be; only a branch can move on the remote.</summary>
internal enum GitRefKind
{
    Tag,
    Branch,
    Commit,
}
