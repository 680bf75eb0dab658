namespace WithHelper.Support;

public sealed class Offsets
{
    public float Value { get; init; } = 1f;
}
