using System.Text.Json;

namespace Cuvis.Sandbox.Client;

/// <summary>A plugin the server clones from a git repository and builds: <c>{"provides": [...], "repo": ..., "ref": ...}</c>.</summary>
public sealed record GitPlugin : PluginEntry
{
    /// <summary>Initializes a new instance of the <see cref="GitPlugin"/> class.</summary>
    /// <param name="name">The plugin's name: an identifier, unique in its manifest.</param>
    /// <param name="repo">The repository: <c>https://</c>, <c>http://</c>, <c>ssh://</c>, <c>git@host:path</c>, or for a mirror on the server <c>file://</c> or an absolute path.</param>
    /// <param name="gitRef">The tag, branch or commit to build.</param>
    /// <param name="provides">The fully-qualified names of the node types it provides; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provides"/> holds <see langword="null"/>.</exception>
    public GitPlugin(string name, string repo, string gitRef, params IEnumerable<string> provides)
        : base(name, provides)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(gitRef);
        Repo = repo;
        Ref = gitRef;
    }

    /// <summary>Gets the repository URL or path.</summary>
    public string Repo { get; }

    /// <summary>Gets the tag, branch or commit.</summary>
    public string Ref { get; }

    /// <inheritdoc/>
    public bool Equals(GitPlugin? other) => other is not null && base.Equals(other) && Repo == other.Repo && Ref == other.Ref;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Repo, Ref);

    internal override void WriteSourceTo(Utf8JsonWriter writer)
    {
        writer.WriteString("repo", Repo);
        writer.WriteString("ref", Ref);
    }
}
