using Cuvis.Sandbox.Supervisor.Containment.Cgroups;

namespace Cuvis.Sandbox.Supervisor.Tests.Containment;

/// <summary>
/// The CPU weight a pooled worker waits at and a bound one runs at, written into cgroup
/// directories laid out as the kernel lays them out (the real files are checked by the
/// integration tests of the worker pool).
/// </summary>
public sealed class SandboxCgroupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cuvis-cgroup-test-").FullName;

    [Theory]
    [InlineData(false, "cpu.shares", true, "64")]
    [InlineData(false, "cpu.shares", false, "1024")]
    [InlineData(true, "cpu.weight", true, "6")]
    [InlineData(true, "cpu.weight", false, "100")]
    public void SetCpuShare_WritesTheWeightFileOfTheVersion(bool v2, string file, bool background, string expected)
    {
        var directory = Hierarchy("cpu", file);

        new SandboxCgroup(v2 ? CgroupVersion.V2 : CgroupVersion.V1, [directory]).SetCpuShare(background ? CpuShare.Background : CpuShare.Normal);

        File.ReadAllText(Path.Combine(directory, file)).Should().Be(expected);
    }

    [Fact]
    public void SetCpuShare_OnV1_SetsOnlyTheHierarchyThatHasTheCpuController()
    {
        var cpu = Hierarchy("cpu", "cpu.shares");
        var memory = Hierarchy("memory", "memory.limit_in_bytes");

        new SandboxCgroup(CgroupVersion.V1, [memory, cpu]).SetCpuShare(CpuShare.Background);

        File.ReadAllText(Path.Combine(cpu, "cpu.shares")).Should().Be("64");
        File.Exists(Path.Combine(memory, "cpu.shares")).Should().BeFalse("a file the kernel does not offer is never created");
    }

    [Fact]
    public void SetCpuShare_OfACgroupAlreadyRemoved_ChangesNothing_AndDoesNotThrow()
    {
        var gone = Hierarchy("cpu", "cpu.shares");
        Directory.Delete(gone, recursive: true);

        var set = () => new SandboxCgroup(CgroupVersion.V1, [gone]).SetCpuShare(CpuShare.Normal);

        set.Should().NotThrow("a worker's bind never hinges on its weight");
        Directory.Exists(gone).Should().BeFalse();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A sandbox's directory in one hierarchy, holding <paramref name="file"/> with the kernel's default in it.</summary>
    private string Hierarchy(string name, string file)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, name, "cuvis-1-worker-test")).FullName;
        File.WriteAllText(Path.Combine(directory, file), "0");
        return directory;
    }
}
