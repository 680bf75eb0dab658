using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Nodes;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>Declares a UInt16 cube but, like a builtin converting raw counts, takes UInt8 and Float32 too.</summary>
[InputPort("cube", DType.UInt16, -1, -1, -1, -1)]
[OutputPort("mean", DType.Float32)]
public sealed class WideInputNode : Node, IAcceptsDTypes
{
    public IReadOnlySet<DType> AcceptedInputDTypes(string port) =>
        port == "cube" ? new HashSet<DType> { DType.UInt16, DType.UInt8, DType.Float32 } : new HashSet<DType>();

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var cube = inputs.Required("cube");
        double sum = cube.DType switch
        {
            DType.UInt16 => Sum(cube.AsReadOnlySpan<ushort>()),
            DType.UInt8 => Sum(cube.AsReadOnlySpan<byte>()),
            _ => Sum(cube.AsReadOnlySpan<float>()),
        };
        return new NodeOutputs().Set("mean", Tensor.Scalar(cube.ElementCount == 0 ? 0f : (float)(sum / cube.ElementCount)));
    }

    private static double Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += double.CreateChecked(value);
        }

        return sum;
    }
}
