using Cuvis.Sandbox.Supervisor.Plugins.Cache;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins.Cache;

public sealed class PluginCacheUsageTests
{
    private const string Build = "/cache/builds/git-0123-abcd";
    private const string Repository = "/cache/git/repos/0123";

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Acquire_TwoLeasesOnOneEntry_PinItUntilBothAreDisposed()
    {
        var sut = CreateSut();
        var first = sut.Acquire([Build, Repository]);
        var second = sut.Acquire([Build]);

        first.Dispose();
        var afterFirst = (sut.IsPinned(Build), sut.IsPinned(Repository));
        second.Dispose();

        afterFirst.Should().Be((true, false));
        sut.IsPinned(Build).Should().BeFalse();
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnlyOnce()
    {
        var sut = CreateSut();
        using var session = sut.Acquire([Build]);
        var other = sut.Acquire([Build]);

        other.Dispose();
        other.Dispose();

        sut.IsPinned(Build).Should().BeTrue("the session's lease still holds it");
    }

    [Fact]
    public void IsPinned_SamePathWrittenDifferently_IsTheSameEntry()
    {
        var sut = CreateSut();

        using var lease = sut.Acquire([Build + "/"]);

        sut.IsPinned("/cache/builds/../builds/git-0123-abcd").Should().BeTrue();
    }

    [Fact]
    public void HandOver_NotDisposed_LapsesAfterTheHandOverTimeout()
    {
        var sut = CreateSut();

        sut.HandOver([Build]);
        _time.Advance(PluginCacheUsage.HandOverTimeout - TimeSpan.FromSeconds(1));
        var before = sut.IsPinned(Build);
        _time.Advance(TimeSpan.FromSeconds(1));

        before.Should().BeTrue();
        sut.IsPinned(Build).Should().BeFalse();
    }

    [Fact]
    public void HandOver_Disposed_UnpinsAtOnceButLeavesASessionsLease()
    {
        var sut = CreateSut();
        var handOver = sut.HandOver([Build, Repository]);
        using var session = sut.Acquire([Build]);

        handOver.Dispose();

        (sut.IsPinned(Build), sut.IsPinned(Repository)).Should().Be((true, false));
    }

    [Fact]
    public void TakeOutUnlessPinned_PinnedEntry_NeverRunsTheTakeOut()
    {
        var sut = CreateSut();
        using var lease = sut.Acquire([Build]);
        var ran = false;

        var result = sut.TakeOutUnlessPinned(Build, () =>
        {
            ran = true;
            return "/cache/tmp/rm-1";
        });

        (result, ran).Should().Be((null, false));
        sut.TakeOutUnlessPinned(Repository, () => "/cache/tmp/rm-2").Should().Be("/cache/tmp/rm-2");
    }

    private PluginCacheUsage CreateSut() => new(_time);
}
