namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>A GetPipelineVisualization request that cannot be drawn: a malformed document, a limit passed, an unknown format.</summary>
internal sealed class InvalidVisualizationRequestException(string message, string field) : SandboxException(message)
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, message)];

    public static InvalidVisualizationRequestException Document(string field, string problem) =>
        new($"The pipeline document cannot be drawn: {problem}", field);

    public static InvalidVisualizationRequestException UnknownFormat(string format) =>
        new($"format '{format}' is not one this server draws; give png (the default), svg or dot.", "format");
}
