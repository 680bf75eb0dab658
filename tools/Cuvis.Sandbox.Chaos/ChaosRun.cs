using System.Diagnostics;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Net.Client;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// One run: start the supervisor, build ChaosKit once, run the lanes and the injector for the
/// configured time, let every session close, count what was left, stop the supervisor, count again.
/// </summary>
internal static class ChaosRun
{
    private static readonly TimeSpan BuildDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ChaosReport> RunAsync(ChaosSettings settings, TextWriter progress)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        var sharedMemory = Leftovers.SharedMemoryBaseline();
        var clock = RunClock.StartNew();
        var book = new SessionBook(clock);
        var ledger = new CallLedger();

        await using var supervisor = await ChaosSupervisor.StartAsync(settings, book);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{supervisor.Port}");
        var client = new CuvisAIService.CuvisAIServiceClient(channel);
        progress.WriteLine($"Supervisor pid {supervisor.ProcessId} on port {supervisor.Port}; log {settings.WorkDirectory}/supervisor.log");

        await BuildPluginAsync(client, settings, progress);

        progress.WriteLine($"Running: {settings.Describe()}");
        using var stop = new CancellationTokenSource(settings.Duration);
        var lanes = Enumerable.Range(0, settings.Sessions)
            .Select(lane => new SessionLane(client, settings, book, ledger, clock, new Random(settings.Seed + lane)).RunAsync(stop.Token))
            .ToArray();
        var injector = new FaultInjector(settings, book, supervisor.RuntimeDirectory, supervisor.ProcessId, new Random(~settings.Seed)).RunAsync(stop.Token);
        await Task.WhenAll([.. lanes, injector]);
        var runEnd = clock.Now;

        var restarts = supervisor.HasExited ? 1 : 0;
        var status = supervisor.Describe();
        var afterClose = await SettledLeftoversAsync(supervisor.RuntimeDirectory, supervisor.ProcessId, sharedMemory);
        await supervisor.StopAsync();
        var afterShutdown = await SettledLeftoversAsync(supervisor.RuntimeDirectory, supervisor.ProcessId, sharedMemory);

        return new ChaosReport(new ChaosOutcome(
            settings, ledger.Calls, book.Sessions(), book.UnexpectedExits, runEnd, restarts, status, afterClose, afterShutdown));
    }

    /// <summary>Loads ChaosKit into a throw-away session first, so its one cold build is not part of the run.</summary>
    private static async Task BuildPluginAsync(CuvisAIService.CuvisAIServiceClient client, ChaosSettings settings, TextWriter progress)
    {
        var watch = Stopwatch.StartNew();
        var session = (await client.CreateSessionAsync(new CreateSessionRequest(), deadline: DateTime.UtcNow.AddMinutes(2))).SessionId;
        try
        {
            var loaded = await client.LoadPluginsAsync(
                new LoadPluginsRequest { SessionId = session, Manifest = new PluginManifest { ConfigBytes = Workload.Manifest(settings.PluginDirectory) } },
                deadline: DateTime.UtcNow.Add(BuildDeadline));
            if (loaded.FailedPlugins.Count > 0)
            {
                throw new InvalidOperationException($"ChaosKit ({settings.PluginDirectory}) did not load: {string.Join("; ", loaded.FailedPlugins)}");
            }
        }
        finally
        {
            await client.CloseSessionAsync(new CloseSessionRequest { SessionId = session }, deadline: DateTime.UtcNow.AddMinutes(1));
        }

        progress.WriteLine($"ChaosKit loaded (built or found in the cache) in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Cleanup finishes a moment after the last answer: counts until nothing is left or the patience runs out.</summary>
    private static async Task<Leftovers> SettledLeftoversAsync(string runtimeDirectory, int supervisorProcessId, IReadOnlySet<string> sharedMemory)
    {
        var patience = Stopwatch.StartNew();
        while (true)
        {
            var leftovers = Leftovers.Count(runtimeDirectory, supervisorProcessId, sharedMemory);
            if (leftovers.IsNone || patience.Elapsed > SettleTimeout)
            {
                return leftovers;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
