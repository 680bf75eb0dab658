using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// One supervisor that the tests of a class share (an <c>IClassFixture</c>), for classes of many
/// small tests that open sessions of their own but count nothing server-wide: starting a
/// contained server for each of them costs more than what they check. The first test starts it
/// with its arguments; every test points its log at its own output, so a failing test shows what
/// the server logged meanwhile. Stopped when the class is done, before its directories go.
/// </summary>
public sealed class SharedSupervisor : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Type, object> _prepared = [];
    private SupervisorProcess? _supervisor;

    internal RedirectableOutput Output { get; } = new();

    internal TempDirectory Runtime { get; } = new();

    internal TempDirectory Work { get; } = new("css");

    /// <summary>Starts the supervisor once, with <paramref name="arguments"/>; later calls only redirect its log to <paramref name="output"/>.</summary>
    internal async Task<SupervisorProcess> StartOnceAsync(ITestOutputHelper output, params string[] arguments)
    {
        Output.Current = output;
        await _gate.WaitAsync();
        try
        {
            return _supervisor ??= await SupervisorProcess.StartAsync(Output, Runtime.Path,
                ["--Plugins:CacheDirectory=" + Work.Combine("cache"), .. arguments]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// What the class prepares once on the shared supervisor (a session with a pipeline, say), made
    /// by the first caller and handed to every later one; one value per type.
    /// </summary>
    internal async Task<T> OnceAsync<T>(Func<SupervisorProcess, Task<T>> prepare) where T : class
    {
        var supervisor = _supervisor ?? throw new InvalidOperationException("Start the shared supervisor (StartOnceAsync) first.");
        await _gate.WaitAsync();
        try
        {
            if (!_prepared.TryGetValue(typeof(T), out var value))
            {
                value = await prepare(supervisor);
                _prepared[typeof(T)] = value;
            }

            return (T)value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var value in _prepared.Values.OfType<IAsyncDisposable>())
        {
            await value.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
        }

        Runtime.Dispose();
        Work.Dispose();
        _gate.Dispose();
    }
}
