using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// A checked, constructed pipeline: its nodes in execution order and the connections between
/// them. Built only by <see cref="PipelineBuilder"/>; immutable apart from the nodes' own state.
/// </summary>
/// <remarks>
/// <see cref="Run"/> may be called from several threads at once; runs are serialised, because a
/// node may keep state between calls and its author wrote it for one call at a time.
/// </remarks>
// The gate's wait handle is never asked for, so the semaphore holds nothing to dispose; a
// disposable Pipeline would only invite disposing one while a run that took it still executes.
#pragma warning disable CA1001 // Types that own disposable fields should be disposable
internal sealed partial class Pipeline
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<PipelineNode> _documentOrder;
    private readonly Dictionary<string, PipelineNode> _nodesByName;
    // Every input's producers in connection order: one, or several for a variadic input.
    private readonly Dictionary<PortReference, PortReference[]> _feeds;
    private readonly string _sessionId;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal Pipeline(
        PipelineMetadata metadata,
        IReadOnlyList<PipelineNode> documentOrder,
        IReadOnlyList<PipelineNode> executionOrder,
        IReadOnlyList<PipelineConnection> connections,
        string sessionId,
        TimeProvider timeProvider,
        ILogger logger)
    {
        Id = Guid.NewGuid().ToString("N");
        Metadata = metadata;
        Nodes = executionOrder;
        Connections = connections;
        _documentOrder = documentOrder;
        _nodesByName = documentOrder.ToDictionary(node => node.Name, StringComparer.Ordinal);
        _feeds = connections
            .GroupBy(connection => connection.To)
            .ToDictionary(group => group.Key, group => group.Select(connection => connection.From).ToArray());
        _sessionId = sessionId;
        _timeProvider = timeProvider;
        _logger = logger;

        var consumed = connections.Select(connection => connection.From).ToHashSet();
        Inputs =
        [
            .. documentOrder.SelectMany(node => node.Descriptor.Inputs
                .Where(port => !_feeds.ContainsKey(new PortReference(node.Name, port.Name)))
                .Select(port => new PipelinePort(node.Name, port.Name, port, Required: !port.Optional))),
        ];
        Outputs =
        [
            .. documentOrder.SelectMany(node => node.Descriptor.Outputs
                .Where(port => !consumed.Contains(new PortReference(node.Name, port.Name)))
                .Select(port => new PipelinePort(node.Name, port.Name, port, Required: true))),
        ];
    }

    /// <summary>Gets a random id, new for every build (32 hex digits).</summary>
    public string Id { get; }

    public PipelineMetadata Metadata { get; }

    /// <summary>Gets the input ports no connection feeds, in node then declaration order: what a run gives.</summary>
    public IReadOnlyList<PipelinePort> Inputs { get; }

    /// <summary>Gets the output ports no connection consumes, in node then declaration order.</summary>
    public IReadOnlyList<PipelinePort> Outputs { get; }

    /// <summary>Gets the nodes in execution order.</summary>
    public IReadOnlyList<PipelineNode> Nodes { get; }

    public IReadOnlyList<PipelineConnection> Connections { get; }

    /// <summary>
    /// Runs every node once, in dependency order. Inputs and selectors are checked before any node
    /// runs; a run waits for the one before it on this pipeline to finish.
    /// </summary>
    /// <param name="inputs">
    /// Tensors by port name (cuvis-ai's batch: <c>cube</c>, <c>wavelengths</c>, <c>mask</c>, extra
    /// inputs): each unconnected input port of that name receives the tensor. A key
    /// <c>&lt;node&gt;.&lt;port&gt;</c> feeds that port alone and wins over the bare name.
    /// Tensors no port takes are ignored.
    /// </param>
    /// <param name="outputSelectors">
    /// Empty for every output of every node; otherwise <c>&lt;node&gt;.&lt;port&gt;</c> keys or bare
    /// port names (that port on every node that has it).
    /// </param>
    /// <param name="cancellationToken">Checked between nodes and passed to each.</param>
    /// <exception cref="PipelineInputException">A required input is missing, a tensor does not fit its port, or a selector names no output.</exception>
    /// <exception cref="NodeExecutionException">A node threw or broke its declared outputs.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public PipelineRunResult Run(
        IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyCollection<string> outputSelectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputSelectors);
        var problems = new List<PipelineInputProblem>();
        var selected = SelectOutputs(outputSelectors, problems);
        var bound = BindInputs(inputs, problems);
        if (problems.Count > 0)
        {
            var refused = new PipelineInputException(problems);
            PipelineLog.RunRefused(_logger, _sessionId, Id, refused.Message);
            throw refused;
        }

        _gate.Wait(cancellationToken);
        try
        {
            return Execute(bound, selected, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
