using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Takes one parameter of every supported kind and keeps them for the test to read.</summary>
[OutputPort("value", DType.Float32)]
public sealed class ParamsNode(
    float bandA,
    int count,
    double minWavelength = 400.0,
    bool enabled = true,
    string label = "none",
    ReductionMode mode = ReductionMode.Mean,
    int[]? bands = null,
    float? scale = null,
    long big = 0,
    string? note = null,
    ReductionMode[]? modes = null) : Node
{
    public float BandA { get; } = bandA;

    public int Count { get; } = count;

    public double MinWavelength { get; } = minWavelength;

    public bool Enabled { get; } = enabled;

    public string Label { get; } = label;

    public ReductionMode Mode { get; } = mode;

    public IReadOnlyList<int>? Bands { get; } = bands;

    public float? Scale { get; } = scale;

    public long Big { get; } = big;

    public string? Note { get; } = note;

    public IReadOnlyList<ReductionMode>? Modes { get; } = modes;

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("value", Tensor.Scalar(BandA));
}
