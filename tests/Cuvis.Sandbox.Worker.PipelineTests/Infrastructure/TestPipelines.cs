using System.Text;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Plugins;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes.Shapes;
using Cuvis.Sandbox.Worker.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;

/// <summary>A session's pipeline builder over the test node classes, registered as builtins.</summary>
internal static class TestPipelines
{
    public static readonly WorkerSession Session = WorkerSession.BoundTo("pipeline-test-session");

    public static IReadOnlyList<Type> NodeTypes { get; } =
    [
        typeof(AddNode), typeof(SumNode), typeof(ConcatNode), typeof(CubeSourceNode), typeof(MaskedMeanNode), typeof(WideInputNode), typeof(ThrowingNode),
        typeof(IncompleteNode), typeof(MistypedOutputNode), typeof(StatefulNode), typeof(BlockingNode),
        typeof(ParamsNode), typeof(OddParamsNode), typeof(ValidatingNode), typeof(ExplodingConstructorNode),
        typeof(FixedSourceNode), typeof(FixedSinkNode), typeof(Rank3SinkNode), typeof(IntSinkNode), typeof(FourSinkNode),
        typeof(TestNodes.Alpha.DupNode), typeof(TestNodes.Beta.DupNode),
        typeof(Detector), typeof(Classifier), typeof(Visualizer),
    ];

    public static PipelineBuilder CreateBuilder(IReadOnlyList<Type>? nodeTypes = null, ILoggerFactory? loggerFactory = null) =>
        new(new NodeCatalog(new PluginRegistry(), nodeTypes ?? NodeTypes), Session, TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance);

    public static PipelineBuildResult Build(string document) => CreateBuilder().Build(Encoding.UTF8.GetBytes(document));

    /// <summary>Builds a document that must be valid, failing the test with its problems otherwise.</summary>
    public static Pipeline BuildValid(string document)
    {
        var result = Build(document);
        result.Problems.Should().BeEmpty();
        return result.Pipeline!;
    }

    /// <summary>Builds a document that must be invalid and returns the lines the client reads.</summary>
    public static IReadOnlyList<string> Problems(string document) => Rejected(document).Lines;

    /// <summary>Builds a document that must be invalid and returns each problem's field path.</summary>
    public static IReadOnlyList<string> Fields(string document) => [.. Rejected(document).Problems.Select(problem => problem.Field)];

    /// <summary>Builds a document that must be invalid.</summary>
    public static PipelineBuildResult Rejected(string document)
    {
        var result = Build(document);
        result.Pipeline.Should().BeNull();
        result.Problems.Should().NotBeEmpty();
        return result;
    }
}
