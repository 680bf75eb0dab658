namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>
/// The checkout the tests were built from: the nearest folder above the build output
/// (<c>artifacts/bin/&lt;Project&gt;/&lt;configuration&gt;/</c>) that holds <c>Cuvis.Sandbox.sln</c>.
/// </summary>
internal static class RepositoryFiles
{
    private const string SolutionFile = "Cuvis.Sandbox.sln";

    /// <summary>Gets the repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Returns the full path of <paramref name="parts"/> below <see cref="Root"/>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder above {AppContext.BaseDirectory} holds {SolutionFile}; run the tests from the repository's build output.");
    }
}
