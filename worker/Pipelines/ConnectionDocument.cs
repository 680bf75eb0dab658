namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>One entry of <c>connections</c>, its ends as written.</summary>
/// <param name="Index">Position in <c>connections</c>, from 0.</param>
/// <param name="From">Should read <c>&lt;node&gt;.outputs.&lt;port&gt;</c>.</param>
/// <param name="To">Should read <c>&lt;node&gt;.inputs.&lt;port&gt;</c>.</param>
internal sealed record ConnectionDocument(int Index, string From, string To)
{
    public string Label => $"connection {From} -> {To}";
}
