using System.ComponentModel;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Parameters of every kind the schema tells apart, odd ones included; built only to be described and bound.</summary>
[Description("A node with one parameter of each odd kind.")]
[OutputPort("value", DType.Float32)]
public sealed class OddParamsNode(
    [Description("How many bins to use.")] byte binCount,
    sbyte offset = -1,
    short tenths = 0,
    ushort window = 8,
    uint seed = 42,
    ulong budget = ulong.MaxValue,
    ReductionMode? mode = null,
    int[][]? ragged = null,
    string?[]? labels = null,
    [Description("NaN: no threshold.")] float threshold = float.NaN,
    double scale = double.NegativeInfinity,
    decimal money = 1.5m,
    DateTime? when = null,
    bool @checked = true,
    string HTTPProxy = "",
    params string[] extras) : Node
{
    public IReadOnlyList<object?> Values { get; } =
        [binCount, offset, tenths, window, seed, budget, mode, ragged, labels, threshold, scale, money, when, @checked, HTTPProxy, extras];

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("value", Tensor.Scalar(0f));
}
