using Cuvis.Sandbox.Supervisor.Plugins.Building;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileProbeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("csfp").FullName;

    [Fact]
    public void KindOf_RegularFile_IsRegularWithItsSize()
    {
        var file = Path.Combine(_root, "f.txt");
        File.WriteAllText(file, "12345");

        FileProbe.KindOf(file, out var size).Should().Be(FileKind.Regular);
        size.Should().Be(5);
    }

    [Fact]
    public void KindOf_SpecialFiles_AreToldApartWithoutOpeningThem()
    {
        var fifo = SpecialFiles.MakeFifo(Path.Combine(_root, "fifo"));
        var socket = Path.Combine(_root, "socket");
        using var bound = SpecialFiles.MakeSocket(socket);

        FileProbe.KindOf(fifo, out _).Should().Be(FileKind.Fifo);
        FileProbe.KindOf(socket, out _).Should().Be(FileKind.Socket);
        FileProbe.KindOf("/dev/null", out _).Should().Be(FileKind.CharacterDevice);
        FileProbe.KindOf(_root, out _).Should().Be(FileKind.Directory);
    }

    [Fact]
    public void KindOf_Links_AreNotFollowed_EvenWhenDangling()
    {
        var target = Path.Combine(_root, "target");
        File.WriteAllText(target, "x");
        var link = Path.Combine(_root, "link");
        File.CreateSymbolicLink(link, target);
        var dangling = Path.Combine(_root, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_root, "nothing-here"));

        FileProbe.KindOf(link, out _).Should().Be(FileKind.SymbolicLink);
        FileProbe.KindOf(dangling, out _).Should().Be(FileKind.SymbolicLink);
    }

    [Fact]
    public void KindOf_MissingPathOrAFileAsFolder_IsMissing()
    {
        var file = Path.Combine(_root, "f");
        File.WriteAllText(file, "x");

        FileProbe.KindOf(Path.Combine(_root, "nope"), out _).Should().Be(FileKind.Missing);
        FileProbe.KindOf(Path.Combine(file, "below"), out _).Should().Be(FileKind.Missing);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
