namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines.Properties;

/// <summary>A generated param value: a scalar's text, or a list of them.</summary>
internal sealed record ParamModel(string? Text, IReadOnlyList<string>? Items)
{
    /// <summary>The value as the comparison reads it back: <c>s:text</c> or <c>l:a|b</c>.</summary>
    public string Canonical => Items is null ? $"s:{Text}" : $"l:{string.Join('|', Items)}";
}
