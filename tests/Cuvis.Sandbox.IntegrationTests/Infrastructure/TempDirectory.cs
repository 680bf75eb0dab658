namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>A short-named private directory under /tmp (short, because socket paths are limited).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "cst")
    {
        Path = System.IO.Path.Combine("/tmp", $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
