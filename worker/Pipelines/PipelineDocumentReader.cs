using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Reads a pipeline document (YAML, or JSON, which is YAML) into a <see cref="PipelineDocument"/>,
/// adding a problem for every structural fault: syntax, unknown keys, wrong shapes of sections.
/// It knows nothing of node classes or ports.
/// </summary>
internal sealed partial class PipelineDocumentReader
{
    // A pipeline document is a few kilobytes; decoded whole, a message-sized one (up to a GiB)
    // would take twice its size as a string before the first check could refuse it.
    private const int MaxDocumentBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ICollection<PipelineProblem> _problems;

    // Where the last event the parser produced ended, for errors that carry no position.
    private Mark _lastGood = Mark.Empty;

    private PipelineDocumentReader(ICollection<PipelineProblem> problems)
    {
        _problems = problems;
    }

    /// <summary>
    /// Returns the document, or <see langword="null"/> when it cannot be read at all; problems go
    /// to <paramref name="problems"/>, each with its path in the document (<see cref="ProblemFields"/>).
    /// </summary>
    public static PipelineDocument? Read(ReadOnlyMemory<byte> bytes, ICollection<PipelineProblem> problems)
    {
        var reader = new PipelineDocumentReader(problems);
        return reader.Decode(bytes) is { } text && reader.Load(text) is { } root ? reader.ReadRoot(root) : null;
    }

    private string? Decode(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxDocumentBytes)
        {
            AddDocumentProblem($"The pipeline document is {bytes.Length / (1024.0 * 1024):0.#} MiB, more than the {MaxDocumentBytes / (1024 * 1024)} MiB "
                + "a pipeline document may be; send the document itself (nodes, params and connections), not data.");
            return null;
        }

        try
        {
            var span = bytes.Span;
            return StrictUtf8.GetString(span.StartsWith(Encoding.UTF8.Preamble) ? span[Encoding.UTF8.Preamble.Length..] : span);
        }
        catch (DecoderFallbackException e)
        {
            AddDocumentProblem($"The pipeline document is not valid UTF-8 (byte {e.Index}); send YAML or JSON text encoded as UTF-8.");
            return null;
        }
    }

    private YamlNode? Load(string text)
    {
        try
        {
            if (!CheckStructure(text))
            {
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            switch (stream.Documents.Count)
            {
                case 0:
                    AddDocumentProblem("The pipeline document is empty; it needs at least a 'nodes' list.");
                    return null;
                case 1:
                    return stream.Documents[0].RootNode;
                default:
                    AddDocumentProblem($"The pipeline document holds {stream.Documents.Count} YAML documents; send exactly one.");
                    return null;
            }
        }
        catch (YamlException e)
        {
            AddDocumentProblem($"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}");
            return null;
        }
        // YamlDotNet's scanner throws InvalidOperationException, with no position, on some truncated documents.
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            AddDocumentProblem($"YAML syntax error after line {_lastGood.Line}, column {_lastGood.Column}: "
                + $"the document could not be parsed past this point ({e.Message}); check for an unclosed bracket or quote.");
            return null;
        }
    }

    // YamlException prefixes its message with the marks ("(Line: 1, Col: 2, Idx: 1) - (...): "),
    // which the problem already states in words.
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }

    private PipelineDocument? ReadRoot(YamlNode root)
    {
        if (root is not YamlMappingNode mapping)
        {
            AddDocumentProblem($"The pipeline document must be a mapping with 'nodes' (and optionally 'metadata' and 'connections'), got {YamlNodes.Describe(root)}.");
            return null;
        }

        YamlNode? metadata = null, nodes = null, connections = null;
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (YamlNodes.Text(keyNode))
            {
                case "metadata":
                    metadata = value;
                    break;
                case "nodes":
                    nodes = value;
                    break;
                case "connections":
                    connections = value;
                    break;
                default:
                    _problems.Add(new(ProblemFields.TopLevelKey(YamlNodes.Text(keyNode)),
                        $"Unknown top-level key {YamlNodes.Describe(keyNode)}; a pipeline document has 'metadata', 'nodes' and 'connections'."));
                    break;
            }
        }

        return new PipelineDocument(ReadMetadata(metadata), ReadNodes(nodes), ReadConnections(connections));
    }

    private void AddDocumentProblem(string description) => _problems.Add(new(ProblemFields.Document, description));
}
