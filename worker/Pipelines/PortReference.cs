namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>A port of a named node in a pipeline; prints as <c>&lt;node&gt;.&lt;port&gt;</c>.</summary>
internal readonly record struct PortReference(string Node, string Port)
{
    public override string ToString() => $"{Node}.{Port}";
}
