namespace SpectralTools;

/// <summary>A public class that is not a node: naming it in provides must fail.</summary>
public sealed class NotANode
{
    public int Value { get; set; }
}
