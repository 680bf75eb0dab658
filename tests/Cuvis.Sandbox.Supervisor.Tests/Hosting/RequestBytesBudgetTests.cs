using System.Diagnostics.Metrics;
using Cuvis.Sandbox.Supervisor.Diagnostics;
using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cuvis.Sandbox.Supervisor.Tests.Hosting;

public sealed class RequestBytesBudgetTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SandboxMetrics _metrics;

    public RequestBytesBudgetTests() => _metrics = new SandboxMetrics(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void TryReserve_WhatFits_IsCountedUntilReleased()
    {
        var budget = CreateSut(limit: 100);

        budget.TryReserve(60, out var first).Should().BeTrue();
        budget.TryReserve(40, out var second).Should().BeTrue();

        budget.InFlight.Should().Be(100);
        _metrics.Snapshot().InFlightRequestBytes.Should().Be(100);
        first!.Dispose();
        second!.Dispose();
        budget.InFlight.Should().Be(0);
        _metrics.Snapshot().InFlightRequestBytes.Should().Be(0);
    }

    [Fact]
    public void TryReserve_BeyondTheLimit_IsRefusedAndChangesNothingButTheRejectionCount()
    {
        var budget = CreateSut(limit: 100);
        budget.TryReserve(60, out _).Should().BeTrue();

        budget.TryReserve(41, out var refused).Should().BeFalse();

        refused.Should().BeNull();
        budget.InFlight.Should().Be(60);
        _metrics.Snapshot().Should().Match<SandboxMetricsSnapshot>(s => s.InFlightRequestBytes == 60 && s.RequestsRejected == 1);
    }

    [Fact]
    public void TryReserve_AfterARelease_FitsAgain()
    {
        var budget = CreateSut(limit: 100);
        budget.TryReserve(100, out var whole).Should().BeTrue();
        budget.TryReserve(1, out _).Should().BeFalse();

        whole!.Dispose();

        budget.TryReserve(100, out _).Should().BeTrue();
    }

    [Fact]
    public void Dispose_Twice_ReleasesOnce_SoTheCountNeverGoesNegative()
    {
        var budget = CreateSut(limit: 100);
        budget.TryReserve(30, out var other).Should().BeTrue();
        budget.TryReserve(50, out var reservation).Should().BeTrue();

        reservation!.Dispose();
        reservation.Dispose();

        budget.InFlight.Should().Be(30);
        other!.Dispose();
        budget.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task TryReserve_Concurrently_NeverAdmitsMoreThanTheLimit()
    {
        const long limit = 1000;
        var budget = CreateSut(limit);
        var peak = 0L;
        var admitted = 0;

        // 8 threads race to reserve 7-byte slices and give them back; whatever the interleaving,
        // the total admitted at any moment stays within the limit and everything is returned.
        var workers = Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (budget.TryReserve(7, out var reservation))
                {
                    Interlocked.Increment(ref admitted);
                    var now = budget.InFlight;
                    long seen;
                    while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                    {
                    }

                    reservation.Dispose();
                }
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        peak.Should().BeLessThanOrEqualTo(limit);
        admitted.Should().BeGreaterThan(0);
        budget.InFlight.Should().Be(0);
        _metrics.Snapshot().InFlightRequestBytes.Should().Be(0);
    }

    [Fact]
    public async Task TryReserve_ConcurrentlyWithoutReleases_AdmitsExactlyWhatFits()
    {
        var budget = CreateSut(limit: 1000);
        var admitted = 0;

        var workers = Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (budget.TryReserve(3, out _))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        admitted.Should().Be(333);
        budget.InFlight.Should().Be(999);
        _metrics.Snapshot().RequestsRejected.Should().Be(800 - 333);
    }

    public void Dispose() => _services.Dispose();

    private RequestBytesBudget CreateSut(long limit) => new(limit, _metrics);
}
