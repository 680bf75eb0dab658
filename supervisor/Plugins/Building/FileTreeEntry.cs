namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>One entry <see cref="FileTree.Walk"/> found: its path relative to the walked directory, kind, and size for regular files (else 0).</summary>
internal readonly record struct FileTreeEntry(string RelativePath, FileKind Kind, long Size);
