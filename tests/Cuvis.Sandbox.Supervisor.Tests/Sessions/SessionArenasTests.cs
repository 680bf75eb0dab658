using Cuvis.Sandbox.Supervisor.Sessions;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Cuvis.Sandbox.Supervisor.Tests.Sessions;

public sealed class SessionArenasTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new();
    private readonly List<long> _released = [];

    [Fact]
    public void AnArenaGivenBack_IsTheOneTheNextCallRents()
    {
        using var arenas = Create();
        var first = arenas.Rent();

        arenas.Return(first);

        arenas.Rent().Should().BeSameAs(first);
        _released.Should().BeEmpty();
    }

    [Fact]
    public void ConcurrentCalls_RentArenasOfTheirOwn()
    {
        using var arenas = Create();

        var first = arenas.Rent();
        var second = arenas.Rent();

        second.Should().NotBeSameAs(first);
        second.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public void ARetiredArena_IsReleasedAtTheWorker_ClosedAndNeverRentedAgain()
    {
        using var arenas = Create();
        var arena = arenas.Rent();

        arenas.Retire(arena);

        _released.Should().Equal(arena.Id);
        arena.File.Handle.IsClosed.Should().BeTrue();
        arenas.Rent().Should().NotBeSameAs(arena);
    }

    [Fact]
    public void AnArenaIdleForTheTimeout_IsReleased_AndOneUsedMeanwhileIsKept()
    {
        using var arenas = Create();
        var (stale, fresh) = (arenas.Rent(), arenas.Rent());
        arenas.Return(stale);
        _clock.Advance(IdleTimeout / 2);
        arenas.Return(fresh);

        _clock.Advance(IdleTimeout / 2);

        _released.Should().Equal(stale.Id);
        stale.File.Handle.IsClosed.Should().BeTrue();
        arenas.IdleCount.Should().Be(1);
        arenas.Rent().Should().BeSameAs(fresh);
    }

    [Fact]
    public void Closing_ReleasesTheIdleArenas_RetiresOnesGivenBackLater_AndRefusesNewCalls()
    {
        var arenas = Create();
        var (idle, busy) = (arenas.Rent(), arenas.Rent());
        arenas.Return(idle);

        arenas.Dispose();
        arenas.Return(busy);

        _released.Should().BeEquivalentTo([idle.Id, busy.Id]);
        idle.File.Handle.IsClosed.Should().BeTrue();
        busy.File.Handle.IsClosed.Should().BeTrue();
        arenas.Invoking(a => a.Rent()).Should().Throw<WorkerUnavailableException>().WithMessage("*closing*");
    }

    private SessionArenas Create() => new(IdleTimeout, _clock, _released.Add);
}
