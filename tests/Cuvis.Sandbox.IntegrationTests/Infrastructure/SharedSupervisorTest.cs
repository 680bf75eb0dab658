using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// A test on its class's <see cref="SharedSupervisor"/>: it opens sessions of its own with
/// <see cref="OpenSessionAsync"/>, and they are closed when it ends, so the next test finds the
/// server as this one found it.
/// </summary>
public abstract class SharedSupervisorTest(ITestOutputHelper output, SharedSupervisor server)
    : IntegrationTest(output), IClassFixture<SharedSupervisor>
{
    private readonly List<string> _sessions = [];

    internal SupervisorProcess Supervisor { get; private set; } = null!;

    /// <summary>The class's shared supervisor, for what the class prepares on it once (<see cref="SharedSupervisor.OnceAsync"/>).</summary>
    internal SharedSupervisor Server => server;

    /// <summary>The arguments the first test of the class starts the shared supervisor with.</summary>
    protected virtual string[] SupervisorArguments => [];

    public override async Task InitializeAsync() => Supervisor = await server.StartOnceAsync(Output, SupervisorArguments);

    /// <summary>A new session of this test's, closed when it ends.</summary>
    internal async Task<string> OpenSessionAsync()
    {
        var id = await Supervisor.CreateSessionAsync();
        _sessions.Add(id);
        return id;
    }

    public override async Task DisposeAsync()
    {
        foreach (var id in _sessions)
        {
            try
            {
                await Supervisor.CloseSessionAsync(id);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // The test closed it itself.
            }
        }

        await base.DisposeAsync();
    }
}
