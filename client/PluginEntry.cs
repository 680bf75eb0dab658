using System.Text.Json;

namespace Cuvis.Sandbox.Client;

/// <summary>
/// One plugin of a <see cref="PluginManifest"/>: a <see cref="GitPlugin"/> or a <see cref="LocalPlugin"/>.
/// </summary>
/// <remarks>
/// Only <see langword="null"/> is refused here. What makes a name, a type name or a repository
/// valid is the server's to judge, and it judges every entry on its own: an entry it refuses comes
/// back in <see cref="PluginLoadResult.FailedPlugins"/> with the reason, while the others load.
/// Two entries are equal when they are of the same kind and every value, <see cref="Provides"/>
/// included, is equal.
/// </remarks>
public abstract record PluginEntry
{
    private protected PluginEntry(string name, IEnumerable<string> provides)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(provides);
        string[] types = [.. provides];
        if (Array.IndexOf(types, null) is var index and >= 0)
        {
            throw new ArgumentException($"Provides holds null at index {index}; list fully-qualified node type names.", nameof(provides));
        }

        Name = name;
        Provides = Array.AsReadOnly(types);
    }

    /// <summary>Gets the plugin's name: an identifier (letters, digits and <c>_</c>, not starting with a digit), unique in its manifest.</summary>
    public string Name { get; }

    /// <summary>Gets the fully-qualified names of the node types the plugin provides (<c>MyPlugin.Nodes.MyNode</c>); at least one.</summary>
    public IReadOnlyList<string> Provides { get; }

    /// <inheritdoc/>
    public virtual bool Equals(PluginEntry? other) =>
        ReferenceEquals(this, other)
        || (other is not null && EqualityContract == other.EqualityContract && Name == other.Name && Provides.SequenceEqual(other.Provides));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(EqualityContract);
        hash.Add(Name);
        foreach (var type in Provides)
        {
            hash.Add(type);
        }

        return hash.ToHashCode();
    }

    /// <summary>Writes the keys that follow <c>provides</c> in the entry's JSON object.</summary>
    internal abstract void WriteSourceTo(Utf8JsonWriter writer);
}
