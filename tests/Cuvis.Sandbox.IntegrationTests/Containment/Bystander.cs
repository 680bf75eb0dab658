using System.Collections.Concurrent;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A healthy session next to a hostile one: it runs PipelineKit's Offset in a loop for as long as
/// the attack lasts and remembers every call that did not answer, or answered wrongly.
/// </summary>
internal sealed class Bystander : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly PipelineSession _session;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private Task _loop = Task.CompletedTask;
    private int _answered;

    private Bystander(PipelineSession session) => _session = session;

    public string Id => _session.Id;

    /// <summary>Calls that answered correctly so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Calls that did not answer, or answered wrongly, each with its time and status.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Loads the kit and an Offset pipeline, checks one call, and starts calling in a loop.</summary>
    public static async Task<Bystander> StartAsync(SupervisorProcess supervisor, PluginRepository kit)
    {
        var session = await PipelineSession.CreateAsync(supervisor, kit);
        await session.LoadPipelineAsync("nodes: [{name: off, class: Offset, params: {amount: 1}}]");
        var bystander = new Bystander(session);
        await bystander.CallAsync();
        bystander._failures.Should().BeEmpty("the healthy session answers before any attack");
        bystander._loop = Task.Run(bystander.LoopAsync);
        return bystander;
    }

    /// <summary>Stops the loop and makes one more call after the attack; <see cref="Failures"/> then holds the verdict.</summary>
    public async Task StopAsync()
    {
        await StopLoopAsync();
        await CallAsync();
    }

    public async ValueTask DisposeAsync() => await StopLoopAsync();

    private async Task StopLoopAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(90));
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await CallAsync();
            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task CallAsync()
    {
        var request = new InferenceRequest
        {
            SessionId = _session.Id,
            Inputs = new InputBatch { ExtraInputs = { ["data"] = PipelineSession.Wire(new[] { 1f, 2f, 3f }, 3) } },
        };
        try
        {
            var response = await _session.Client.InferenceAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
            var shifted = PipelineSession.Values<float>(response.Outputs["off.shifted"]);
            if (shifted.SequenceEqual([2f, 3f, 4f]))
            {
                Interlocked.Increment(ref _answered);
            }
            else
            {
                _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} wrong answer: {string.Join(", ", shifted)}");
            }
        }
        catch (RpcException exception)
        {
            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {exception.StatusCode}: {exception.Status.Detail}");
        }
    }
}
