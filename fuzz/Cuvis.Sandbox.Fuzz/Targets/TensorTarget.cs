using Cuvis.Sandbox.Worker.Tensors;
using Google.Protobuf;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// A tensor of an Inference request as the worker receives it: protobuf bytes (which gRPC refuses
/// when they do not parse), then <see cref="TensorCodec.Decode"/>.
/// </summary>
internal sealed class TensorTarget : IFuzzTarget
{
    private static readonly AllocationBudget Budget = new(64 * 1024, 64);

    public string Name => "tensor";

    public void Run(byte[] input)
    {
        WireTensor wire;
        try
        {
            wire = WireTensor.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }

        Contracts.Tensor tensor;
        try
        {
            tensor = Budget.Measure(input, () => TensorCodec.Decode(wire, "cube", "inputs.cube"));
        }
        catch (InvalidTensorException)
        {
            return;
        }

        // The tensor is dtype, shape and raw_data; unknown fields the message carried are not part of it.
        var known = new WireTensor { Dtype = wire.Dtype, RawData = wire.RawData };
        known.Shape.Add(wire.Shape);
        if ((int)tensor.DType != (int)wire.Dtype || !tensor.Shape.ToArray().SequenceEqual(wire.Shape) || !tensor.Data.Span.SequenceEqual(wire.RawData.Span)
            || !TensorCodec.Encode(tensor).Equals(known))
        {
            throw new FuzzFinding($"Decoding {wire} gave a {tensor.DType} tensor of shape [{string.Join(", ", tensor.Shape.ToArray())}] that does not match it.");
        }
    }
}
