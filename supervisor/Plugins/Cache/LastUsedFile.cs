namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>
/// The <c>last-used</c> file of a plugin cache entry (a build, a git repository): its
/// modification time is when a load last used the entry, and orders eviction. A file of its own
/// rather than the entry directory's time, which changes whenever something inside is added or
/// renamed, and which eviction could not tell from use.
/// </summary>
internal static class LastUsedFile
{
    public const string Name = "last-used";

    /// <summary>Records <paramref name="now"/> as the entry's last use; nothing when the entry is gone (cleared meanwhile).</summary>
    public static void Touch(string entry, DateTimeOffset now)
    {
        var path = Path.Combine(entry, Name);
        try
        {
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, []);
            }

            File.SetLastWriteTimeUtc(path, now.UtcDateTime);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
        }
    }

    /// <summary>When the entry was last used; for an entry without the file (made before it existed), its directory's time.</summary>
    public static DateTimeOffset Read(string entry)
    {
        var path = Path.Combine(entry, Name);
        var time = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : Directory.GetLastWriteTimeUtc(entry);
        return new DateTimeOffset(time, TimeSpan.Zero);
    }
}
