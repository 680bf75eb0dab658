namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>
/// The node classes the worker ships, listed in every session's catalogue with source "builtin".
/// None yet; each one added here must pass <see cref="NodeTypeRules"/> like a plugin's.
/// </summary>
internal static class BuiltinNodes
{
    public static IReadOnlyList<Type> Types { get; } = [];
}
