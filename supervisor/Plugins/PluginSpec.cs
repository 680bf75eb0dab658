namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>One valid manifest entry: a plugin to load under <see cref="Name"/>.</summary>
internal abstract record PluginSpec(string Name, IReadOnlyList<string> Provides)
{
    /// <summary>"git" or "local", as PluginInfo.type reports it.</summary>
    public abstract string Type { get; }

    /// <summary>Repository URL or filesystem path, as given.</summary>
    public abstract string Source { get; }

    /// <summary>Git ref as given; "" for local plugins.</summary>
    public abstract string Ref { get; }

    /// <summary>True when both name the same code (same source and ref).</summary>
    public bool SameOrigin(PluginSpec other) =>
        Type == other.Type && Source == other.Source && Ref == other.Ref;
}

internal sealed record GitPluginSpec(string Name, IReadOnlyList<string> Provides, string Repo, string GitRef)
    : PluginSpec(Name, Provides)
{
    /// <summary>True for LoadPlugin's manifests, whose <c>tag</c> must name a tag: a branch or commit is refused once resolved.</summary>
    public bool TagOnly { get; init; }

    public override string Type => "git";

    public override string Source => Repo;

    public override string Ref => GitRef;
}

internal sealed record LocalPluginSpec(string Name, IReadOnlyList<string> Provides, string Path)
    : PluginSpec(Name, Provides)
{
    public override string Type => "local";

    public override string Source => Path;

    public override string Ref => "";
}
