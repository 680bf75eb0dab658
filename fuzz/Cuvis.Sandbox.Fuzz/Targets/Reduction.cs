namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>An enum parameter of <see cref="EveryParameterNode"/>.</summary>
public enum Reduction
{
    Mean,
    Median,
    MaxPool,
}
