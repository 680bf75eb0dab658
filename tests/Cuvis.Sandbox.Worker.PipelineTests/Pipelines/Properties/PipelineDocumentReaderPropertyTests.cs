using CsCheck;
using Cuvis.Sandbox.Tests.Shared;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>
/// A pipeline document is the client's richest input: YAML, read in the worker. Whatever its
/// bytes, building it ends in a pipeline or in problems that say what is wrong (the worker's
/// INVALID_ARGUMENT), never in an exception, a hang or an allocation larger than the document
/// justifies.
/// </summary>
public sealed class PipelineDocumentReaderPropertyTests
{
    // The builder's own first-use cost (catalogue descriptors, constructors) is in the constant; a
    // document then costs a few hundred bytes of nodes and problem text per byte at most.
    private const long FixedBytes = 2 * 1024 * 1024;
    private const long BytesPerInputByte = 400;

    private static readonly PipelineBuilder Builder =
        TestPipelines.CreateBuilder([.. BuiltinNodes.Types, typeof(ParamsNode), typeof(AddNode)]);

    [Fact]
    public void Read_GeneratedDocument_ReadsBackExactlyWhatWasWritten() =>
        PipelineGenerators.WellFormed.Sample(
            model =>
            {
                var bytes = model.ToBytes();
                var problems = new List<PipelineProblem>();
                var run = BoundedParse.Run(() => PipelineDocumentReader.Read(bytes, problems)).AllocatedWithin(bytes.Length, FixedBytes, BytesPerInputByte);

                if (run.Exception is not null || problems.Count > 0 || Describe(run.Value!) != Describe(model))
                {
                    run.Exception.Should().BeNull();
                    problems.Should().BeEmpty();
                    Describe(run.Value!).Should().Be(Describe(model));
                }
            },
            iter: PropertyRuns.Iterations(3000));

    [Fact]
    public void Build_GeneratedBuiltinPipeline_BuildsThatPipeline() =>
        PipelineGenerators.BuiltinPipeline.Sample(
            document =>
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(document);
                var run = CheckOutcome(bytes);

                run.Value!.Problems.Should().BeEmpty();
                run.Value!.Pipeline!.Nodes[0].Name.Should().Be("input");
                run.Value!.Pipeline!.Nodes[^1].Name.Should().Be("decide");
            },
            iter: PropertyRuns.Iterations(1000));

    [Fact]
    public void Build_MutatedDocument_BuildsOrNamesItsProblems() =>
        Mutations.Of(
                Gen.OneOf(PipelineGenerators.WellFormed.Select(model => model.ToBytes()), PipelineGenerators.BuiltinPipeline.Select(System.Text.Encoding.UTF8.GetBytes)),
                PipelineGenerators.Tokens)
            .Sample(bytes => CheckOutcome(bytes), iter: PropertyRuns.Iterations(3000), print: Mutations.Print);

    [Fact]
    public void Build_RandomBytes_BuildsOrNamesItsProblems() =>
        Mutations.RandomBytes(PipelineGenerators.Tokens).Sample(bytes => CheckOutcome(bytes), iter: PropertyRuns.Iterations(2000), print: Mutations.Print);

    [Fact]
    public void Build_StructurallyHostileDocument_BuildsOrNamesItsProblems() =>
        HostilePipelines.All.Sample(bytes => CheckOutcome(bytes), iter: PropertyRuns.Iterations(1000), print: Mutations.Print);

    private static ParseRun<PipelineBuildResult> CheckOutcome(byte[] bytes)
    {
        var run = BoundedParse.Run(() => Builder.Build(bytes)).AllocatedWithin(bytes.Length, FixedBytes, BytesPerInputByte);
        if (run.Exception is not null)
        {
            throw new InvalidOperationException($"Build threw {run.Exception.GetType().Name}; a bad document must come back as problems.", run.Exception);
        }

        var result = run.Value!;
        if ((result.Pipeline is null) == (result.Problems.Count == 0)
            || result.Problems.Any(problem => string.IsNullOrWhiteSpace(problem.Description) || string.IsNullOrWhiteSpace(problem.Field)))
        {
            throw new InvalidOperationException($"Build must give a pipeline or non-empty problems, each about a field, got {result.Pipeline?.Id ?? "no pipeline"} and [{string.Join(" | ", result.Problems)}].");
        }

        return run;
    }

    private static string Describe(PipelineModel model) => string.Join('\n',
    [
        .. new[] { "name", "description", "created", "cuvis_ai_version", "author" }.Select(key => model.Metadata?.GetValueOrDefault(key) ?? ""),
        $"tags:{string.Join('|', model.Tags ?? [])}",
        .. model.Nodes.Select(node => $"node:{node.Name}:{node.Class}:{string.Join(',', node.Params.Select(p => $"{p.Key}={p.Value.Canonical}"))}"),
        .. model.Connections.Select(c => $"connection:{c.From}->{c.To}"),
    ]);

    private static string Describe(PipelineDocument document) => string.Join('\n',
    [
        document.Metadata.Name, document.Metadata.Description, document.Metadata.Created, document.Metadata.CuvisAiVersion, document.Metadata.Author,
        $"tags:{string.Join('|', document.Metadata.Tags)}",
        .. document.Nodes.Select(node => $"node:{node.Name}:{node.Class}:{string.Join(',', node.Params.Children.Select(p => $"{YamlNodes.Text(p.Key)}={Canonical(p.Value)}"))}"),
        .. document.Connections.Select(c => $"connection:{c.From}->{c.To}"),
    ]);

    private static string Canonical(YamlNode node) => node is YamlSequenceNode sequence
        ? $"l:{string.Join('|', sequence.Children.Select(item => ((YamlScalarNode)item).Value))}"
        : $"s:{((YamlScalarNode)node).Value}";
}
