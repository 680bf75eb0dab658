namespace Hostile;

/// <summary>Attacks on files: reading secrets, listing other people's directories, writing outside scratch, filling scratch.</summary>
public sealed partial class Attack
{
    private const int FillChunkBytes = 16 << 20;

    private string ReadFile()
    {
        var path = RequirePath();
        try
        {
            var text = File.ReadAllText(path);
            return $"succeeded: read {text.Length} chars of {path}: {Head(text)}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Blocked(exception);
        }
    }

    private string ListDirectory()
    {
        var path = RequirePath();
        try
        {
            var entries = Directory.GetFileSystemEntries(path).Select(Path.GetFileName).ToArray();
            return $"succeeded: entries={entries.Length} in {path}: {Head(string.Join(", ", entries))}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Blocked(exception);
        }
    }

    private string WriteFile()
    {
        var path = RequirePath();
        try
        {
            File.WriteAllText(path, _marker);
            return $"succeeded: wrote the marker to {path}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Blocked(exception);
        }
    }

    private string ReadEnvironment()
    {
        var path = $"/proc/{RequirePid()}/environ";
        try
        {
            var environment = File.ReadAllText(path);
            return environment.Length == 0
                ? $"blocked: {path} is empty"
                : $"succeeded: read {environment.Length} chars of {path}: {Head(environment)}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Blocked(exception);
        }
    }

    /// <summary>
    /// Writes to a file in the temp directory (the session's scratch) until an error or
    /// <c>bytes</c>. Random content, flushed chunk by chunk, so neither compression nor the page
    /// cache hides how much was written. The file stays: a full scratch is the point.
    /// </summary>
    private string FillScratch()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fill-{Guid.NewGuid():N}.bin");
        var chunk = new byte[FillChunkBytes];
        Random.Shared.NextBytes(chunk);
        long written = 0;
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            while (written < _bytes)
            {
                var length = (int)Math.Min(chunk.Length, _bytes - written);
                file.Write(chunk, 0, length);
                written += length;
            }

            file.Flush(flushToDisk: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Blocked(exception, $"written={written} file={path}");
        }

        return $"succeeded: written={written} file={path}";
    }
}
