using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Turns a pipeline document into a <see cref="Pipeline"/>: reads it, resolves every node class
/// against the session's <see cref="NodeCatalog"/>, binds params and constructs the nodes, checks
/// the connections and orders the nodes. Every problem is collected, so the client fixes a
/// document in one round trip; building has no effect on anything but the result.
/// </summary>
internal sealed class PipelineBuilder(NodeCatalog catalog, WorkerSession session, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    private const int MaxLoggedProblems = 10;

    private readonly ILogger _logger = loggerFactory.CreateLogger<PipelineBuilder>();
    private readonly ILogger _pipelineLogger = loggerFactory.CreateLogger<Pipeline>();

    /// <summary>Builds a pipeline from YAML or JSON bytes; never throws for a bad document.</summary>
    public PipelineBuildResult Build(ReadOnlyMemory<byte> document)
    {
        var problems = new PipelineProblems();
        var pipeline = PipelineDocumentReader.Read(document, problems) is { } read ? Assemble(read, problems) : null;
        if (pipeline is null || problems.Count > 0)
        {
            PipelineLog.Rejected(_logger, session.Id, problems.Total, Summarise(problems));
            return PipelineBuildResult.Failure(problems);
        }

        PipelineLog.Built(_logger, session.Id, pipeline.Id, pipeline.Metadata.Name, pipeline.Nodes.Count, pipeline.Connections.Count);
        return PipelineBuildResult.Success(pipeline);
    }

    // The client gets the first hundred problems; the log line keeps to the first few.
    private static string Summarise(PipelineProblems problems) =>
        string.Join(" | ", problems.Take(MaxLoggedProblems).Select(problem => problem.Description)) + (problems.Total > MaxLoggedProblems ? " | ..." : "");

    private Pipeline? Assemble(PipelineDocument document, PipelineProblems problems)
    {
        // Nodes are constructed even when other parts of the document are wrong, so constructor
        // problems are reported with the rest; the instances are dropped with the document.
        var resolver = new NodeClassResolver(catalog.List());
        var nodes = new List<PipelineNode>();
        foreach (var node in document.Nodes)
        {
            if (node.Class is null || resolver.Resolve(node, node.Class, problems) is not { } descriptor)
            {
                continue;
            }

            if (NodeFactory.Create(node, descriptor, problems) is { } instance && node.Name is not null)
            {
                nodes.Add(new PipelineNode(node.Name, node.Index, descriptor, instance));
            }
        }

        var declared = document.Nodes.Where(node => node.Name is not null).Select(node => node.Name!).ToHashSet(StringComparer.Ordinal);
        var byName = nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var connections = ConnectionBinder.Bind(document.Connections, byName, declared, problems);
        var order = PipelineGraph.Order(nodes, connections, problems);
        if (order is null || problems.Count > 0)
        {
            return null;
        }

        return new Pipeline(document.Metadata, nodes, order, connections, session.Id, timeProvider, _pipelineLogger);
    }
}
