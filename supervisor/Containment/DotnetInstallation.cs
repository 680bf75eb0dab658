namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>Where a <c>dotnet</c> host's installation lives, so a sandbox can show it (read-only) and set DOTNET_ROOT.</summary>
internal static class DotnetInstallation
{
    /// <summary>The installation folder of <paramref name="host"/> (links resolved), or null when it is not an absolute path to dotnet.</summary>
    public static string? RootOf(string host)
    {
        if (!Path.IsPathFullyQualified(host) || Path.GetFileNameWithoutExtension(host) != "dotnet")
        {
            return null;
        }

        var real = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        return Path.GetDirectoryName(real);
    }

    /// <summary>True when /usr, which every sandbox shows, already holds <paramref name="root"/>.</summary>
    public static bool IsUnderUsr(string root) => root.StartsWith("/usr/", StringComparison.Ordinal);
}
