using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuntimeDirectoryTests : IDisposable
{
    private readonly string _root = Path.Combine("/tmp", "csu-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task StartAsync_CreatesPrivateInstanceDirectoryWithLock()
    {
        using var sut = CreateSut();

        await sut.StartAsync(CancellationToken.None);

        File.Exists(Path.Combine(sut.InstancePath, "supervisor.lock")).Should().BeTrue();
        File.GetUnixFileMode(sut.InstancePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(_root).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task CreateWorkerDirectory_IsPrivateAndUnique()
    {
        using var sut = CreateSut();
        await sut.StartAsync(CancellationToken.None);

        var first = sut.CreateWorkerDirectory();
        var second = sut.CreateWorkerDirectory();

        first.Should().NotBe(second).And.StartWith(sut.InstancePath);
        File.GetUnixFileMode(first).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Path.GetFileName(first).Length.Should().Be(RuntimeDirectory.WorkerDirectoryNameLength);
    }

    [Fact]
    public async Task SweepStale_RemovesDirectoriesWhoseLockIsFree_KeepsLockedOnes()
    {
        var dead = Directory.CreateDirectory(Path.Combine(_root, "i1-dead00")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dead, "supervisor.lock"), "");
        Directory.CreateDirectory(Path.Combine(dead, "w-000000000000", "scratch"));
        var live = Directory.CreateDirectory(Path.Combine(_root, "i2-live00")).FullName;
        await using var liveLock = new FileStream(Path.Combine(live, "supervisor.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using var sut = CreateSut();

        var removed = sut.SweepStale();

        removed.Should().Be(1);
        Directory.Exists(dead).Should().BeFalse();
        Directory.Exists(live).Should().BeTrue();
    }

    [Fact]
    public void SweepStale_DirectoryWithoutLock_IsRemovedOnlyAfterAGracePeriod()
    {
        var young = Directory.CreateDirectory(Path.Combine(_root, "i3-young0")).FullName;
        using var sut = CreateSut();

        sut.SweepStale().Should().Be(0, "its supervisor may be about to create the lock");
        _time.Advance(TimeSpan.FromMinutes(2));

        sut.SweepStale().Should().Be(1);
        Directory.Exists(young).Should().BeFalse();
    }

    [Fact]
    public async Task Dispose_RemovesTheInstanceDirectory()
    {
        var sut = CreateSut();
        await sut.StartAsync(CancellationToken.None);
        sut.CreateWorkerDirectory();

        sut.Dispose();

        Directory.Exists(sut.InstancePath).Should().BeFalse();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private RuntimeDirectory CreateSut() =>
        new(Options.Create(new WorkerOptions { RuntimeDirectory = _root }), _time, NullLogger<RuntimeDirectory>.Instance);
}
