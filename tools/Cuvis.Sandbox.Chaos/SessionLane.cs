using System.Runtime.CompilerServices;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// One lane of the workload: opens a session, loads ChaosKit into about half of them, loads a
/// pipeline, runs a few dozen checked inferences with short pauses, closes it, and starts over
/// until the run ends. A setup step that fails (its worker was killed under it) is tried again.
/// </summary>
internal sealed class SessionLane(
    CuvisAIService.CuvisAIServiceClient client, ChaosSettings settings, SessionBook book, CallLedger ledger, RunClock clock, Random random)
{
    private const int SetupAttempts = 4;
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!await RunSessionAsync(stop))
            {
                // CreateSession failed: the ledger has it; do not spin.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task<bool> RunSessionAsync(CancellationToken stop)
    {
        var created = await CallAsync("CreateSession", "", deadline => client.CreateSessionAsync(new CreateSessionRequest(), deadline: deadline).ResponseAsync);
        if (created is null)
        {
            return false;
        }

        var id = created.SessionId;
        book.Opened(id);
        // Most sessions load ChaosKit when faults must be carried in by its node; some do anyway.
        var saboteur = settings.Faults.Any(FaultKinds.IsCarriedByCall) ? random.Next(3) != 0 : random.Next(4) == 0;
        try
        {
            if (saboteur && !await SetUpAsync("LoadPlugins", id, deadline => LoadPluginsAsync(id, deadline)))
            {
                return true;
            }

            var pipeline = new LoadPipelineRequest
            {
                SessionId = id,
                Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8(saboteur ? Workload.SaboteurPipeline : Workload.BuiltinPipeline) },
            };
            if (!await SetUpAsync("LoadPipeline", id, deadline => client.LoadPipelineAsync(pipeline, deadline: deadline).ResponseAsync))
            {
                return true;
            }

            if (saboteur)
            {
                book.SaboteurLoaded(id);
            }

            for (var calls = random.Next(20, 80); calls > 0 && !stop.IsCancellationRequested; calls--)
            {
                if (await InferAsync(id) == StatusCode.FailedPrecondition)
                {
                    break; // the session failed after its restart budget: start a new one
                }

                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(5, 60)), CancellationToken.None);
            }
        }
        finally
        {
            book.Closing(id);
            await CallAsync("CloseSession", id, deadline => client.CloseSessionAsync(new CloseSessionRequest { SessionId = id }, deadline: deadline).ResponseAsync, CloseDeadline);
            book.Closed(id);
        }

        return true;
    }

    private async Task<LoadPluginsResponse> LoadPluginsAsync(string id, DateTime deadline)
    {
        var response = await client.LoadPluginsAsync(
            new LoadPluginsRequest { SessionId = id, Manifest = new PluginManifest { ConfigBytes = Workload.Manifest(settings.PluginDirectory) } },
            deadline: deadline);
        return response.FailedPlugins.Count == 0
            ? response
            : throw new RpcException(new Status(StatusCode.Unknown, CallRecord.WrongAnswer + "failed_plugins: " + string.Join("; ", response.FailedPlugins)));
    }

    private async Task<StatusCode> InferAsync(string id)
    {
        var cube = Workload.Cube(random);
        var carried = book.TakeCallFault(id);
        var request = new InferenceRequest
        {
            SessionId = id,
            Inputs = Workload.Inputs(cube, carried?.Kind, settings.MemoryLimitBytes),
        };
        var started = clock.Now;
        try
        {
            var response = await client.InferenceAsync(request, deadline: DateTime.UtcNow.Add(settings.CallDeadline));
            var wrong = Workload.Check(cube, response);
            ledger.Add(new CallRecord("Inference", id, started, clock.Now, StatusCode.OK, wrong is null ? "" : CallRecord.WrongAnswer + wrong, carried is not null));
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            ledger.Add(new CallRecord("Inference", id, started, clock.Now, exception.StatusCode, exception.Status.Detail, carried is not null));
            return exception.StatusCode;
        }
    }

    /// <summary>A setup call, tried again while it fails for a reason other than a failed session.</summary>
    private async Task<bool> SetUpAsync<T>(string rpc, string id, Func<DateTime, Task<T>> call)
        where T : class
    {
        for (var attempt = 1; attempt <= SetupAttempts; attempt++)
        {
            var failed = new StrongBox<StatusCode>();
            if (await CallAsync(rpc, id, call, status: failed) is not null)
            {
                return true;
            }

            if (failed.Value == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }

        return false;
    }

    private async Task<T?> CallAsync<T>(
        string rpc, string id, Func<DateTime, Task<T>> call, TimeSpan? deadline = null, StrongBox<StatusCode>? status = null)
        where T : class
    {
        var started = clock.Now;
        try
        {
            var response = await call(DateTime.UtcNow.Add(deadline ?? settings.CallDeadline));
            ledger.Add(new CallRecord(rpc, id, started, clock.Now, StatusCode.OK, ""));
            return response;
        }
        catch (RpcException exception)
        {
            var code = exception.Status.Detail.StartsWith(CallRecord.WrongAnswer, StringComparison.Ordinal) ? StatusCode.OK : exception.StatusCode;
            ledger.Add(new CallRecord(rpc, id, started, clock.Now, code, exception.Status.Detail));
            if (status is not null)
            {
                status.Value = exception.StatusCode;
            }

            return null;
        }
    }
}
