using Cuvis.Sandbox.Worker.Nodes.Builtins;

namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>
/// The node classes the worker ships, listed in every session's catalogue with source "builtin",
/// in the order a hyperspectral anomaly pipeline uses them. Each one must pass
/// <see cref="NodeTypeRules"/> like a plugin's.
/// </summary>
internal static class BuiltinNodes
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(HyperspectralInput),
        typeof(MinMaxNormalizer),
        typeof(ZScoreNormalizer),
        typeof(BandpassByWavelength),
        typeof(FalseRgbSelector),
        typeof(RXPerBatch),
        typeof(ScoreToLogit),
        typeof(BinaryDecider),
        typeof(QuantileBinaryDecider),
    ];
}
