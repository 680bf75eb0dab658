using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// A node whose constructor takes every kind of parameter a document can set (the builtins take
/// only numbers and flags), so the fuzzer reaches arrays, enums, nullables and strings too.
/// </summary>
[InputPort("x", DType.Float32, -1)]
[OutputPort("y", DType.Float32, -1)]
public sealed class EveryParameterNode(
    int[] values,
    Reduction[] modes,
    long big = 0,
    float? scale = null,
    string label = "",
    ushort small = 0,
    Reduction mode = Reduction.Mean) : Node
{
    public int Count { get; } = values.Length + modes.Length + (int)(big % 2) + (scale is null ? 0 : 1) + label.Length + small + (int)mode;

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("y", inputs.Required("x"));
}
