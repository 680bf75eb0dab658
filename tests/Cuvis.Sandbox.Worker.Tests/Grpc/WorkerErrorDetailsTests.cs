using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Tests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using static Cuvis.Sandbox.Worker.Tests.Infrastructure.InProcessWorker;

namespace Cuvis.Sandbox.Worker.Tests.Grpc;

/// <summary>
/// Field-level problems reach the caller as google.rpc rich status details, read back from the
/// grpc-status-details-bin trailer of a real call: a BadRequest whose violations line up, one by
/// one, with the problems the status message lists.
/// </summary>
public sealed class WorkerErrorDetailsTests : IAsyncLifetime
{
    private InProcessWorker _worker = null!;

    [Fact(Timeout = 60_000)]
    public async Task LoadPipeline_BadDocument_TrailerHoldsABadRequestThatLinesUpWithTheMessage()
    {
        const string Document = """
            pipelines: []
            nodes:
              - {name: w, class: MinMaxNormalizr}
              - {name: q, class: QuantileBinaryDecider, params: {quantile: 2}}
            connections:
              - {from: w.outputs.normalized, to: zz.inputs.data}
            """;

        var error = await CallFailsAsync(() => _worker.Client.LoadPipelineAsync(Load(Document), Call).ResponseAsync);

        var (status, violations) = Details(error);
        violations.Select(violation => violation.Field).Should().Equal("pipelines", "nodes[0].class", "nodes[1].params.quantile", "connections[0].to");
        error.Status.Detail.Should().Be(
            $"Invalid pipeline (4 problems):\n- {string.Join("\n- ", violations.Select(violation => violation.Description))}");
        violations[1].Description.Should().StartWith("node 'w': unknown class 'MinMaxNormalizr'. Did you mean 'MinMaxNormalizer'?");
        status.Code.Should().Be((int)StatusCode.InvalidArgument);
    }

    [Fact(Timeout = 60_000)]
    public async Task LoadPipeline_150BadNodes_SendsAViolationForEachListedProblemAndNoneForTheCount()
    {
        var document = "nodes:\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"  - {{name: n{i}}}\n"));

        var error = await CallFailsAsync(() => _worker.Client.LoadPipelineAsync(Load(document), Call).ResponseAsync);

        var (_, violations) = Details(error);
        error.Status.Detail.Should().StartWith("Invalid pipeline (150 problems):", "every problem found is counted, listed or not");
        var lines = Lines(error);
        lines.Should().HaveCount(101).And.EndWith("... and 50 more problems; fix the ones above first.");
        violations.Should().HaveCount(100);
        violations.Select(violation => violation.Description).Should().Equal(lines[..100]);
        violations.Select(violation => violation.Field).Should().Equal(Enumerable.Range(0, 100).Select(i => $"nodes[{i}].class"));
    }

    // Twenty-five unknown classes, each problem listing the nine builtins (about 540 characters): the
    // message fits whole, with room for the first violations, not for all of them.
    [Fact(Timeout = 60_000)]
    public async Task LoadPipeline_ProblemsTooLongForAllTheirViolations_SendsTheFirstOnesInOrder()
    {
        var document = "nodes:\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"  - {{name: n{i}, class: NoSuchNode}}\n"));

        var error = await CallFailsAsync(() => _worker.Client.LoadPipelineAsync(Load(document), Call).ResponseAsync);

        var (status, violations) = Details(error);
        var lines = Lines(error);
        lines.Should().HaveCount(25);
        violations.Should().HaveCountGreaterThan(5).And.HaveCountLessThan(25);
        violations.Select(violation => violation.Description).Should().Equal(lines[..violations.Count]);
        violations.Select(violation => violation.Field).Should().Equal(Enumerable.Range(0, violations.Count).Select(i => $"nodes[{i}].class"));
        (4 * ((status.CalculateSize() + 2) / 3)).Should().BeLessThanOrEqualTo(Worker.Grpc.BadRequestStatus.MaxTrailerBytes - error.Status.Detail.Length);
    }

    // Before: all hundred violations went (110 KB of details beside a 54 KB message), past the
    // 64 KiB of trailers the supervisor's channel takes: the call failed there as UNAVAILABLE.
    [Fact(Timeout = 60_000)]
    public async Task LoadPipeline_MessageTooLongForTheSupervisorsChannel_IsCutBetweenProblems_BesideTheFirstViolations()
    {
        var document = "nodes:\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"  - {{name: n{i}, class: NoSuchNode}}\n"));

        var error = await CallFailsAsync(() => _worker.Client.LoadPipelineAsync(Load(document), Call).ResponseAsync);

        var (_, violations) = Details(error);
        StatusMessages.EncodedLength(error.Status.Detail).Should().BeLessThanOrEqualTo(StatusMessages.MaxWorkerMessageBytes);
        error.Status.Detail.Should().StartWith("Invalid pipeline (150 problems):").And.Contain("(cut here: the whole message is");
        var lines = Lines(error);
        lines[..^1].Should().AllSatisfy(line => line.Should().StartWith("node 'n").And.EndWith("QuantileBinaryDecider."), "whole problems are kept");
        violations.Should().NotBeEmpty();
        violations.Select(violation => violation.Field).Should().Equal(Enumerable.Range(0, violations.Count).Select(i => $"nodes[{i}].class"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Inference_MissingInputAndUnknownSelector_NameTheInputAndTheSelectorsPosition()
    {
        await _worker.Client.LoadPipelineAsync(Load("nodes: [{name: w, class: MinMaxNormalizer}]"), Call);

        var error = await CallFailsAsync(() => _worker.Client.InferenceAsync(
            new InferenceRequest { Inputs = new InputBatch(), OutputSpecs = { "w.normalized", "w.nope" } }, Call).ResponseAsync);

        var (status, violations) = Details(error);
        violations.Select(violation => violation.Field).Should().Equal("inputs.extra_inputs[\"data\"]", "output_specs[1]");
        error.Status.Detail.Should().Be(string.Join(" ", violations.Select(violation => violation.Description)));
        violations[0].Description.Should().StartWith("Missing required input: 'data' for node 'w'");
        violations[1].Description.Should().StartWith("Unknown output selector 'w.nope'");
        status.Code.Should().Be((int)StatusCode.InvalidArgument);
    }

    [Fact(Timeout = 60_000)]
    public async Task Inference_TensorWithTheWrongByteCount_NamesItsRawData()
    {
        await _worker.Client.LoadPipelineAsync(Load("nodes: [{name: w, class: MinMaxNormalizer}]"), Call);
        var cube = new Tensor { Dtype = Protos.V1.DType.Float32, RawData = ByteString.CopyFrom(new byte[10]) };
        cube.Shape.Add([1, 1, 1, 3]);

        var error = await CallFailsAsync(() => _worker.Client.InferenceAsync(new InferenceRequest { Inputs = new InputBatch { Cube = cube } }, Call).ResponseAsync);

        var (_, violations) = Details(error);
        violations.Should().ContainSingle().Which.Should().Be(new BadRequest.Types.FieldViolation
        {
            Field = "inputs.cube.raw_data",
            Description = "Tensor 'cube': shape [1, 1, 1, 3] of Float32 needs 12 bytes of raw_data, got 10.",
        });
        error.Status.Detail.Should().Be(violations[0].Description);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetPipelineInputs_NoPipelineLoaded_HasNoDetails()
    {
        var error = await CallFailsAsync(() => _worker.Client.GetPipelineInputsAsync(new GetPipelineInputsRequest(), Call).ResponseAsync);

        error.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        error.GetRpcStatus().Should().BeNull();
    }

    public async Task InitializeAsync() => _worker = await StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private static LoadPipelineRequest Load(string document) =>
        new() { Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(document) } };

    /// <summary>The problems a rejected document's message lists, one a line after its header.</summary>
    private static string[] Lines(RpcException error) => error.Status.Detail.Split("\n- ")[1..];

    private static async Task<RpcException> CallFailsAsync(Func<Task> call) =>
        (await call.Should().ThrowAsync<RpcException>()).Which;

    /// <summary>The trailer's status, checked against the call's, and its one BadRequest's violations.</summary>
    private static (Google.Rpc.Status Status, IReadOnlyList<BadRequest.Types.FieldViolation> Violations) Details(RpcException error)
    {
        error.StatusCode.Should().Be(StatusCode.InvalidArgument, error.Status.Detail);
        var status = error.GetRpcStatus();
        status.Should().NotBeNull("the grpc-status-details-bin trailer is there and parses");
        status!.Code.Should().Be((int)error.StatusCode);
        status.Message.Should().Be(error.Status.Detail);
        status.Details.Should().ContainSingle();
        var badRequest = status.GetDetail<BadRequest>();
        badRequest.Should().NotBeNull();
        return (status, badRequest!.FieldViolations);
    }
}
