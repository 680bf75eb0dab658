using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class PhysicalPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cspp").FullName;

    [Fact]
    public void Resolve_NoLinks_IsThePathItself() =>
        PhysicalPath.Resolve(Path.Combine(_root, "a", "b")).Should().Be(Path.Combine(_root, "a", "b"));

    [Fact]
    public void Resolve_LinkInsideALinkTarget_IsResolvedToo()
    {
        // a -> <root>/b/c, and b -> <root>/outside: the path a really names outside/c.
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside", "c")).Parent!.FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, "b"), outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "a"), Path.Combine(_root, "b", "c"));

        PhysicalPath.Resolve(Path.Combine(_root, "a")).Should().Be(Path.Combine(outside, "c"));
    }

    [Fact]
    public void Resolve_RelativeLinkAndDotDotAfterIt_AreTakenFromWhereTheLinkLeads()
    {
        var deep = Directory.CreateDirectory(Path.Combine(_root, "x", "y", "z")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), "x/y/z");

        // <root>/link/.. is <root>/x/y for the kernel, not <root> as the text suggests.
        PhysicalPath.Resolve(Path.Combine(_root, "link", "..", "w")).Should().Be(Path.Combine(_root, "x", "y", "w"));
        PhysicalPath.Resolve(Path.Combine(_root, "link")).Should().Be(deep);
    }

    [Fact]
    public void Resolve_MissingTail_IsKeptAsWritten()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), Path.Combine(_root, "real"));

        PhysicalPath.Resolve(Path.Combine(_root, "link", "not", "there")).Should().Be(Path.Combine(_root, "real", "not", "there"));
    }

    [Fact]
    public void Resolve_LinkLoop_Throws()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "ping"), Path.Combine(_root, "pong"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "pong"), Path.Combine(_root, "ping"));

        var resolve = () => PhysicalPath.Resolve(Path.Combine(_root, "ping", "x"));

        resolve.Should().Throw<IOException>().WithMessage("Too many levels of symbolic links in *ping*");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
