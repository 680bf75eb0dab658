using System.Text.Json;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// A plugin in a directory on the server's machine, built there (or loaded as it is when it holds
/// a build output): <c>{"provides": [...], "path": ...}</c>. Servers accept local plugins only from
/// the directories their operator allows.
/// </summary>
public sealed record LocalPlugin : PluginEntry
{
    /// <summary>Initializes a new instance of the <see cref="LocalPlugin"/> class.</summary>
    /// <param name="name">The plugin's name: an identifier, unique in its manifest.</param>
    /// <param name="path">The absolute path of the plugin's directory, as the server sees it.</param>
    /// <param name="provides">The fully-qualified names of the node types it provides; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="provides"/> holds <see langword="null"/>.</exception>
    public LocalPlugin(string name, string path, params IEnumerable<string> provides)
        : base(name, provides)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
    }

    /// <summary>Gets the directory's absolute path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public bool Equals(LocalPlugin? other) => other is not null && base.Equals(other) && Path == other.Path;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Path);

    internal override void WriteSourceTo(Utf8JsonWriter writer) => writer.WriteString("path", Path);
}
