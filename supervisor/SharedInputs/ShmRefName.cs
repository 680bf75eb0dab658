namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// A checked POSIX shared-memory name: <c>/</c> (optional, as shm_open takes it) then the
/// configured prefix and letters, digits, '.', '_' or '-', at most 255 bytes, no other '/', not
/// '.' or '..': a file directly inside the shared-memory directory, never a path.
/// </summary>
internal sealed record ShmRefName
{
    private ShmRefName(string fileName) => FileName = fileName;

    /// <summary>The file's name inside the shared-memory directory (no leading '/').</summary>
    public string FileName { get; }

    /// <exception cref="ShmRefException">The name is not a segment name, or lacks the prefix.</exception>
    public static ShmRefName Parse(string name, string prefix, string field)
    {
        var file = name.StartsWith('/') ? name[1..] : name;
        if (file.Length is 0 or > 255 || file is "." or ".." || !file.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ShmRefException(
                $"'{Shown(name)}' is not a POSIX shared-memory name: give '/{prefix}<id>' with letters, digits, '.', '_' or '-', no other '/', at most 255 characters",
                field);
        }

        return file.StartsWith(prefix, StringComparison.Ordinal)
            ? new ShmRefName(file)
            : throw new ShmRefException($"'{Shown(name)}' does not start with '/{prefix}', the prefix this server accepts (SharedMemoryInputs:NamePrefix)", field);
    }

    public override string ToString() => "/" + FileName;

    private static string Shown(string name) => name.Length > 80 ? name[..80] + "..." : name.ReplaceLineEndings(" ");
}
