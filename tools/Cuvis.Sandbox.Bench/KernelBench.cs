using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Bench;

/// <summary>
/// Row 4: the builtin kernels timed inside the worker (the server's node-timing trailer) against
/// NumPy on OpenBLAS. The session and its pipelines go through Cuvis.Sandbox.Client; the timed
/// Inference calls through the raw stub, because the node times come in a response trailer and the
/// client's <c>InferenceResult</c> carries outputs and metrics only, not the call's trailers.
/// </summary>
internal static class KernelBench
{
    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(BenchContext context)
    {
        var settings = context.Settings;
        var supervisor = await context.SupervisorAsync();
        var cube = Cube.Random(1, 256, 256, 128);
        var numpy = await NumpyTimes.MeasureAsync(settings, cube);
        context.Progress.WriteLine("NumPy baseline: " + (numpy.Unavailable ?? $"minmax p50 {Measured.Format(numpy.MinMax!.P50, Unit.Micros)}, rx p50 {Measured.Format(numpy.Rx!.P50, Unit.Micros)}"));

        await using var session = await supervisor.CreateSessionAsync();
        var rows = new List<BenchRow>();
        foreach (var (node, baseline) in (ValueTuple<string, Samples?>[])[(Pipelines.MinMax, numpy.MinMax), (Pipelines.Rx, numpy.Rx)])
        {
            await session.LoadPipelineAsync(Pipelines.Document(node));
            var (calls, inside) = await TimeCallsAsync(supervisor.Stub, cube.Request(session.Id), settings.KernelCalls);
            context.Progress.WriteLine($"{node}: whole call p50 {Measured.Format(calls.P50, Unit.Micros)}"
                                       + (inside is null ? ", no node timing from this server" : $", inside the worker {Measured.Format(inside.P50, Unit.Micros)}"));
            rows.AddRange(Rows(node, cube, calls, inside, baseline, numpy.Unavailable, settings.KernelCalls));
        }

        return rows;
    }

    /// <summary>The kernel's row (inside the worker, else the whole call, saying so) and the whole call's row beside it.</summary>
    public static IEnumerable<BenchRow> Rows(string node, Cube cube, Samples calls, Samples? inside, Samples? baseline, string? unavailable, int count)
    {
        var measure = $"{node} on {cube.Describe()}";
        var figure = Measured.P50(inside ?? calls, withP99: false);
        var timing = inside is null ? "no node timing from this server: the whole call" : $"node time from the {NodeTiming.Trailer} trailer";
        var reference = baseline is null ? null : Measured.P50(baseline, withP99: false);
        var kernelTarget = Target.RatioAtMost(1.0, "<= 1.0x NumPy (OpenBLAS)");
        var note = $"{count} calls; {timing}" + (baseline is null ? "" : $"; NumPy: {baseline.Count} runs of tools/bench/kernels.py");
        yield return reference is null
            ? BenchRow.Unavailable(measure + ", time inside the worker", kernelTarget, $"{unavailable}; {timing}", figure.Text)
            : BenchRow.Judged(measure + ", time inside the worker", figure, reference, kernelTarget, note);
        yield return reference is null
            ? BenchRow.Judged(measure + ", whole call through the supervisor", Measured.P50(calls, withP99: false), null, Target.None, $"{count} calls; {unavailable}")
            : BenchRow.Judged(measure + ", whole call through the supervisor", Measured.P50(calls, withP99: false), reference, Target.None, $"{count} calls, reported beside the kernel");
    }

    /// <summary>The whole calls, and the node's own times when every answer carried them.</summary>
    private static async Task<(Samples Calls, Samples? Inside)> TimeCallsAsync(CuvisAIService.CuvisAIServiceClient client, InferenceRequest request, int count)
    {
        await client.InferenceAsync(request, deadline: Deadlines.Inference());
        var calls = new Samples();
        var inside = new Samples();
        for (var i = 0; i < count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var call = client.InferenceAsync(request, deadline: Deadlines.Inference());
            await call.ResponseAsync;
            calls.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (NodeTiming.Of(call.GetTrailers(), Pipelines.Node) is { } micros)
            {
                inside.AddMicros(micros);
            }
        }

        return (calls, inside.Count == count ? inside : null);
    }
}
