using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>Staging copies a build output a plugin's own build wrote: it must not carry links or special files along.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DirectoryCopyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("csdc").FullName;
    private readonly string _from;
    private readonly string _to;

    public DirectoryCopyTests()
    {
        _from = Directory.CreateDirectory(Path.Combine(_root, "from")).FullName;
        _to = Path.Combine(_root, "to");
        File.WriteAllText(Path.Combine(_from, "Plugin.dll"), "dll");
        Directory.CreateDirectory(Path.Combine(_from, "runtimes", "linux-x64"));
        File.WriteAllText(Path.Combine(_from, "runtimes", "linux-x64", "native.so"), "so");
    }

    [Fact]
    public void AllFiles_LeavesOutLinksAtAnyDepthAndSpecialFiles()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets")).FullName;
        File.WriteAllText(Path.Combine(secrets, "shadow"), "secret");
        File.CreateSymbolicLink(Path.Combine(_from, "shadow.txt"), Path.Combine(secrets, "shadow"));
        Directory.CreateSymbolicLink(Path.Combine(_from, "runtimes", "etc"), secrets);
        SpecialFiles.MakeFifo(Path.Combine(_from, "runtimes", "pipe"));

        DirectoryCopy.AllFiles(_from).Should().BeEquivalentTo(["Plugin.dll", Path.Combine("runtimes", "linux-x64", "native.so")]);
    }

    [Fact]
    public async Task Copy_AllFiles_CopiesTheRegularFilesOnly()
    {
        File.CreateSymbolicLink(Path.Combine(_from, "passwd"), "/etc/passwd");
        SpecialFiles.MakeFifo(Path.Combine(_from, "pipe"));

        // Bounded: opening the FIFO would wait forever.
        await Task.Run(() => DirectoryCopy.Copy(_from, _to, DirectoryCopy.AllFiles(_from))).WaitAsync(SpecialFiles.Timeout);

        Directory.EnumerateFileSystemEntries(_to, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_to, p))
            .Should().BeEquivalentTo(["Plugin.dll", "runtimes", Path.Combine("runtimes", "linux-x64"), Path.Combine("runtimes", "linux-x64", "native.so")]);
        File.ReadAllText(Path.Combine(_to, "runtimes", "linux-x64", "native.so")).Should().Be("so");
    }

    [Fact]
    public async Task Copy_AListedFileThatIsALinkOrAFifo_IsRefusedNotFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_from, "passwd"), "/etc/passwd");
        SpecialFiles.MakeFifo(Path.Combine(_from, "pipe"));

        var copyLink = () => DirectoryCopy.Copy(_from, _to, ["passwd"]);
        var copyFifo = () => Task.Run(() => DirectoryCopy.Copy(_from, _to, ["pipe"])).WaitAsync(SpecialFiles.Timeout);

        copyLink.Should().Throw<IOException>().WithMessage($"'{Path.Combine(_from, "passwd")}' is not a regular file (SymbolicLink) and was not copied.");
        await copyFifo.Should().ThrowAsync<IOException>().WithMessage($"'{Path.Combine(_from, "pipe")}' is not a regular file (Fifo) and was not copied.");
        File.Exists(Path.Combine(_to, "passwd")).Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
