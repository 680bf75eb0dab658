namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>What a path names, seen without following a symbolic link (<see cref="FileProbe"/>).</summary>
internal enum FileKind
{
    /// <summary>Nothing there (or a path component is not a directory).</summary>
    Missing,

    Regular,

    Directory,

    SymbolicLink,

    /// <summary>A named pipe: opening it for reading waits for a writer, possibly forever.</summary>
    Fifo,

    Socket,

    CharacterDevice,

    BlockDevice,
}
