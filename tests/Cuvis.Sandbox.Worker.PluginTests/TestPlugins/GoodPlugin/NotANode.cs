namespace GoodPlugin;

public sealed class NotANode
{
    public int Value { get; set; }
}
