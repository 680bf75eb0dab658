using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// A LoadPipeline document, built as the worker builds it: read, classes resolved against the
/// builtin nodes (and one with every kind of parameter), params bound, nodes constructed,
/// connections checked.
/// </summary>
internal sealed class PipelineTarget : IFuzzTarget
{
    private static readonly AllocationBudget Budget = new(2 * 1024 * 1024, 400);

    private static readonly PipelineBuilder Builder = CreateBuilder();

    public string Name => "pipeline";

    public void Run(byte[] input)
    {
        var result = Budget.Measure(input, () => Builder.Build(input));
        if ((result.Pipeline is null) == (result.Problems.Count == 0)
            || result.Problems.Any(problem => string.IsNullOrWhiteSpace(problem.Description) || string.IsNullOrWhiteSpace(problem.Field))
            || result.Problems.Count > PipelineProblems.MaxListed)
        {
            throw new FuzzFinding($"A build must give a pipeline or 1 to {PipelineProblems.MaxListed} problems, each saying something about a field.");
        }
    }

    private static PipelineBuilder CreateBuilder()
    {
        var builder = new PipelineBuilder(
            new NodeCatalog(new PluginRegistry(), [.. BuiltinNodes.Types, typeof(EveryParameterNode)]),
            WorkerSession.BoundTo("fuzz"),
            TimeProvider.System,
            NullLoggerFactory.Instance);

        // First use builds the catalogue's caches; keep that out of the first input's budget.
        builder.Build("nodes: [{name: a, class: EveryParameterNode, params: {values: [1], modes: [Mean]}}]"u8.ToArray());
        return builder;
    }
}
