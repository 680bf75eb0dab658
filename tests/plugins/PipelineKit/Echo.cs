using Cuvis.Sandbox.Contracts;

namespace PipelineKit;

/// <summary>Returns each input unchanged: one optional port per wire dtype, for bit-exact round trips.</summary>
[InputPort("f32", DType.Float32, -1, Optional = true)]
[InputPort("f64", DType.Float64, -1, Optional = true)]
[InputPort("i32", DType.Int32, -1, Optional = true)]
[InputPort("i64", DType.Int64, -1, Optional = true)]
[InputPort("u8", DType.UInt8, -1, Optional = true)]
[InputPort("b", DType.Bool, -1, Optional = true)]
[InputPort("f16", DType.Float16, -1, Optional = true)]
[InputPort("u16", DType.UInt16, -1, Optional = true)]
[OutputPort("f32", DType.Float32, -1)]
[OutputPort("f64", DType.Float64, -1)]
[OutputPort("i32", DType.Int32, -1)]
[OutputPort("i64", DType.Int64, -1)]
[OutputPort("u8", DType.UInt8, -1)]
[OutputPort("b", DType.Bool, -1)]
[OutputPort("f16", DType.Float16, -1)]
[OutputPort("u16", DType.UInt16, -1)]
public sealed class Echo : Node
{
    private static readonly (string Port, DType DType)[] Ports =
    [
        ("f32", DType.Float32), ("f64", DType.Float64), ("i32", DType.Int32), ("i64", DType.Int64),
        ("u8", DType.UInt8), ("b", DType.Bool), ("f16", DType.Float16), ("u16", DType.UInt16),
    ];

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = new NodeOutputs();
        foreach (var (port, dtype) in Ports)
        {
            outputs.Set(port, inputs.Optional(port) ?? Tensor.Wrap(dtype, [0], Memory<byte>.Empty));
        }

        return outputs;
    }
}
