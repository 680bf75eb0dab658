using System.Text.RegularExpressions;
using Syntax = Cuvis.Sandbox.Protos.PipelineDocumentSyntax;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Checks a document's connections against its constructed nodes: syntax of both ends, that the
/// nodes and ports exist, that no input but a variadic one is fed twice, and that the ports'
/// dtypes and shapes fit.
/// </summary>
internal static partial class ConnectionBinder
{
    // A problem naming an unknown node lists the document's nodes to choose from, but only the
    // first few: every connection of a large document may name an unknown node.
    private const int MaxListedNodes = 20;

    /// <param name="connections">The connections as written.</param>
    /// <param name="nodes">The constructed nodes by name.</param>
    /// <param name="declared">
    /// Every usable node name in the document, constructed or not: a connection to a node that
    /// failed for its own reasons is not reported again as naming an unknown node.
    /// </param>
    /// <param name="problems">
    /// Where problems go: about <c>connections[i].from</c> or <c>.to</c> for the end at fault
    /// (syntax, node, port; the later of two connections feeding one input), about
    /// <c>connections[i]</c> for ends that do not fit each other.
    /// </param>
    public static List<PipelineConnection> Bind(
        IReadOnlyList<ConnectionDocument> connections,
        IReadOnlyDictionary<string, PipelineNode> nodes,
        IReadOnlySet<string> declared,
        ICollection<PipelineProblem> problems)
    {
        var bound = new List<PipelineConnection>();
        var fedBy = new Dictionary<PortReference, PortReference>();
        var known = new Lazy<string>(() => NodeList(declared));
        foreach (var connection in connections)
        {
            var from = Parse(OutputEnd(), connection.From);
            var to = Parse(InputEnd(), connection.To);
            if (from is null)
            {
                problems.Add(new(ProblemFields.ConnectionFrom(connection.Index),
                    $"connections[{connection.Index}]: bad connection syntax 'from: {connection.From}'; expected 'from: <node>.outputs.<port>'."));
            }

            if (to is null)
            {
                problems.Add(new(ProblemFields.ConnectionTo(connection.Index),
                    $"connections[{connection.Index}]: bad connection syntax 'to: {connection.To}'; expected 'to: <node>.inputs.<port>'."));
            }

            if (from is not { } source || to is not { } target)
            {
                continue;
            }

            var producer = Find(connection, "from", source.Node, nodes, declared, known, problems);
            var consumer = Find(connection, "to", target.Node, nodes, declared, known, problems);
            var output = producer?.Output(source.Port);
            var input = consumer?.Input(target.Port);
            if (producer is not null && output is null)
            {
                problems.Add(new(ProblemFields.ConnectionFrom(connection.Index),
                    $"{connection.Label}: node '{producer.Name}' ({producer.Descriptor.ClassName}) has no output port '{source.Port}'; "
                    + $"its outputs: {PortNames(producer.Descriptor.Outputs)}."));
            }

            if (consumer is not null && input is null)
            {
                problems.Add(new(ProblemFields.ConnectionTo(connection.Index),
                    $"{connection.Label}: node '{consumer.Name}' ({consumer.Descriptor.ClassName}) has no input port '{target.Port}'; "
                    + $"its inputs: {PortNames(consumer.Descriptor.Inputs)}."));
            }

            if (output is null || input is null)
            {
                continue;
            }

            if (!input.Variadic && fedBy.TryGetValue(target, out var earlier))
            {
                problems.Add(new(ProblemFields.ConnectionTo(connection.Index),
                    $"input '{target}' is fed twice: by '{earlier}' and by '{source}'; an input takes one connection."));
                continue;
            }

            fedBy.TryAdd(target, source);
            foreach (var problem in PortCompatibility.FindConnectionProblems(source, output, target, input, consumer!.AcceptedDTypes(target.Port)))
            {
                problems.Add(new(ProblemFields.Connection(connection.Index), $"{connection.Label}: {problem}."));
            }

            bound.Add(new PipelineConnection(source, target));
        }

        return bound;
    }

    private static PortReference? Parse(Regex syntax, string text) =>
        syntax.Match(text) is { Success: true } match ? new PortReference(match.Groups["node"].Value, match.Groups["port"].Value) : null;

    private static PipelineNode? Find(
        ConnectionDocument connection,
        string end,
        string name,
        IReadOnlyDictionary<string, PipelineNode> nodes,
        IReadOnlySet<string> declared,
        Lazy<string> known,
        ICollection<PipelineProblem> problems)
    {
        if (nodes.TryGetValue(name, out var node))
        {
            return node;
        }

        if (!declared.Contains(name))
        {
            problems.Add(new(ProblemFields.ConnectionKey(connection.Index, end), $"{connection.Label}: unknown node '{name}'; nodes: {known.Value}."));
        }

        return null;
    }

    private static string NodeList(IReadOnlySet<string> declared) =>
        string.Join(", ", declared.Order(StringComparer.Ordinal).Take(MaxListedNodes))
        + (declared.Count > MaxListedNodes ? $" and {declared.Count - MaxListedNodes} more" : "");

    private static string PortNames(IEnumerable<Contracts.PortSpec> ports) =>
        ports.Any() ? string.Join(", ", ports.Select(port => port.Name)) : "none";

    // The published schema states the same patterns, without the groups (PipelineDocumentSyntax).
    [GeneratedRegex("^(?<node>" + Syntax.Identifier + ")" + Syntax.OutputsSeparator + "(?<port>" + Syntax.Identifier + ")$", RegexOptions.CultureInvariant)]
    private static partial Regex OutputEnd();

    [GeneratedRegex("^(?<node>" + Syntax.Identifier + ")" + Syntax.InputsSeparator + "(?<port>" + Syntax.Identifier + ")$", RegexOptions.CultureInvariant)]
    private static partial Regex InputEnd();
}
