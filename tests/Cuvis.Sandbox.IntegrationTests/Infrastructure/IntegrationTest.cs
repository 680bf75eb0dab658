using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// What every integration test stands on: a private runtime directory for worker sockets, a work
/// directory (plugin cache, repositories, scripts, stubs), and real supervisors started on them,
/// each stopped when the test ends, before the directories are removed.
/// </summary>
public abstract class IntegrationTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<SupervisorProcess> _supervisors = [];

    protected ITestOutputHelper Output { get; } = output;

    internal TempDirectory Runtime { get; } = new();

    internal TempDirectory Work { get; } = new("csw");

    /// <summary>Starts a supervisor with its plugin cache in <see cref="Work"/>; extra arguments override its configuration.</summary>
    internal async Task<SupervisorProcess> StartSupervisorAsync(params string[] arguments)
    {
        var supervisor = await SupervisorProcess.StartAsync(Output, Runtime.Path, ["--Plugins:CacheDirectory=" + Work.Combine("cache"), .. arguments]);
        _supervisors.Add(supervisor);
        return supervisor;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    // xunit does not dispose a test whose InitializeAsync failed: stop what it started anyway,
    // or its supervisors outlive the test host.
    async Task IAsyncLifetime.InitializeAsync()
    {
        try
        {
            await InitializeAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var supervisor in _supervisors)
        {
            await supervisor.DisposeAsync();
        }

        Runtime.Dispose();
        Work.Dispose();
    }
}
