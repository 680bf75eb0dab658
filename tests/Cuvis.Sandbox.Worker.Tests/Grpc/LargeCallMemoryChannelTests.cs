using System.Runtime.InteropServices;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Tensors;
using Cuvis.Sandbox.Worker.Tests.Infrastructure;
using Google.Protobuf;
using static Cuvis.Sandbox.Worker.Tests.Infrastructure.InProcessWorker;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Worker.Tests.Grpc;

/// <summary>
/// The collection after a large Inference, over a real channel and the real clock: it runs once
/// the worker has been quiet after a call at or past the threshold, and never with a threshold of 0.
/// </summary>
public sealed class LargeCallMemoryChannelTests
{
    // 8 x 8 x 8 float32: 2 KiB of input and as much of answer.
    private const int Side = 8;
    private const long CallBytes = 2 * Side * Side * Side * sizeof(float);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact(Timeout = 60_000)]
    public async Task CallPastTheThreshold_CollectsOnce_WhenTheWorkerIsQuiet_SmallerCallsDoNot()
    {
        var collections = 0;
        using var memory = new LargeCallMemory(CallBytes, Quiet, TimeProvider.System, () => Interlocked.Increment(ref collections));
        await using var worker = await StartAsync(largeCalls: memory);
        await LoadMinMaxAsync(worker);

        await worker.Client.InferenceAsync(Request(side: 2), Call);
        await Task.Delay(Quiet * 2);
        var afterSmall = Volatile.Read(ref collections);
        await worker.Client.InferenceAsync(Request(Side), Call);
        await WaitUntilAsync(() => Volatile.Read(ref collections) > 0);
        await Task.Delay(Quiet * 2);

        afterSmall.Should().Be(0, "a call below the threshold owes nothing");
        collections.Should().Be(1, "the large call is collected after once");
    }

    [Fact(Timeout = 60_000)]
    public async Task ThresholdZero_NeverCollects()
    {
        var collections = 0;
        using var memory = new LargeCallMemory(0, Quiet, TimeProvider.System, () => Interlocked.Increment(ref collections));
        await using var worker = await StartAsync(largeCalls: memory);
        await LoadMinMaxAsync(worker);

        for (var i = 0; i < 3; i++)
        {
            var response = await worker.Client.InferenceAsync(Request(Side), Call);
            response.Outputs.Should().ContainKey("w.normalized");
        }

        await Task.Delay(Quiet * 2);
        collections.Should().Be(0);
    }

    private static async Task LoadMinMaxAsync(InProcessWorker worker) =>
        await worker.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8("nodes: [{name: w, class: MinMaxNormalizer}]") },
        }, Call);

    private static InferenceRequest Request(int side)
    {
        var values = Enumerable.Range(0, side * side * side).Select(i => (float)(i % 13)).ToArray();
        var cube = new WireTensor { Dtype = DType.Float32, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        cube.Shape.Add([1, side, side, side]);
        return new InferenceRequest { Inputs = new InputBatch { ExtraInputs = { ["data"] = cube } } };
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue("the collection runs within seconds of the answer");
    }
}
