namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>
/// Counts one plugin's sources against its <see cref="SourceLimits"/> while they are walked or
/// written, and stops at the first entry past a limit, so an oversize tree is never read or
/// written whole. The failure names the limit, its setting and what was counted.
/// </summary>
/// <param name="limits">The limits to hold the sources to.</param>
/// <param name="pluginName">The manifest entry, for the message.</param>
/// <param name="location">Where the sources are (a directory, or a commit of a repository), for the message.</param>
internal sealed class SourceBudget(SourceLimits limits, string pluginName, string location)
{
    private const double Mebibyte = 1024 * 1024;

    public int Entries { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Counts one file, folder or link.</summary>
    /// <exception cref="PluginLoadException">There are more than <see cref="SourceLimits.MaxFiles"/>.</exception>
    public void AddEntry()
    {
        if (++Entries > limits.MaxFiles)
        {
            throw TooLarge(
                $"at least {Entries:N0} files, folders and links, more than the {limits.MaxFiles:N0} Plugins:MaxSourceFiles allows",
                "Plugins:MaxSourceFiles");
        }
    }

    /// <summary>Counts the bytes of one file.</summary>
    /// <exception cref="PluginLoadException">The files hold more than <see cref="SourceLimits.MaxBytes"/>.</exception>
    public void AddBytes(long bytes)
    {
        Bytes = bytes > long.MaxValue - Bytes ? long.MaxValue : Bytes + bytes;
        if (Bytes > limits.MaxBytes)
        {
            throw TooLarge(
                $"at least {Describe(Bytes)}, more than the {Describe(limits.MaxBytes)} Plugins:MaxSourceBytes allows", "Plugins:MaxSourceBytes");
        }
    }

    private static string Describe(long bytes) =>
        bytes < Mebibyte ? $"{bytes:N0} bytes" : $"{bytes / Mebibyte:N1} MiB ({bytes:N0} bytes)";

    private PluginLoadException TooLarge(string measured, string setting) => new(
        $"Plugin '{pluginName}' is too large to load: its sources ({location}) hold {measured}. "
        + $"Leave out what its build does not need, or raise {setting}.");
}
