using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.PipelineLibrary;

/// <summary>
/// Paths a client gives inside the pipelines directory (or a search root), confined: relative,
/// no '..' or '.' segments, no NUL, at most 1024 characters; and, once resolved by the kernel
/// (realpath, every link followed), still inside. So neither a name nor a symbolic link planted in
/// the directory reaches anything outside it.
/// </summary>
internal static partial class LibraryPath
{
    public const int MaxLength = 1024;

    /// <summary>The absolute path of <paramref name="relative"/> under <paramref name="root"/>, checked by name only (the file may not exist yet).</summary>
    /// <exception cref="InvalidPipelineLibraryRequestException">The name is not a plain relative path under the root.</exception>
    public static string Combine(string root, string relative, string field)
    {
        if (relative.Length is 0 or > MaxLength || relative.Contains('\0') || Path.IsPathRooted(relative)
            || relative.Split('/', '\\').Any(s => s is "" or "." or ".."))
        {
            throw new InvalidPipelineLibraryRequestException(
                $"{field} '{Shown(relative)}' is not a plain relative path: give a path inside the pipelines directory such as 'rx_anomaly.yaml' or 'team/rx.yaml', without '..', '.', empty segments or a leading '/', at most {MaxLength} characters",
                field);
        }

        return Path.Combine(root, relative);
    }

    /// <summary>The real path of an existing <paramref name="path"/>, checked to stay under <paramref name="root"/>.</summary>
    /// <exception cref="InvalidPipelineLibraryRequestException">It resolves outside the root (through a link).</exception>
    public static string Confine(string root, string path, string field, string given)
    {
        var real = RealPath(path);
        return real is null || IsUnder(real, root)
            ? real ?? path
            : throw new InvalidPipelineLibraryRequestException(
                $"{field} '{Shown(given)}' leads outside the pipelines directory through a symbolic link; it is not read or written", field);
    }

    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>realpath(3): null when the path does not exist.</summary>
    public static unsafe string? RealPath(string path)
    {
        var resolved = RealPathNative(path, null);
        if (resolved == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    private static string Shown(string text) => text.Length > 80 ? text[..80] + "..." : text.Replace('\0', '?');

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial byte* RealPathNative(string path, byte* resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static unsafe partial void Free(byte* pointer);
}
