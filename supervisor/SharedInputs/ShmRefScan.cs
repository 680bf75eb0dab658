using System.Buffers;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Supervisor.Grpc;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// Whether an unparsed InferenceRequest passes any input tensor by shm_ref, found by walking the
/// wire (inputs, then each tensor field and extra_inputs entry) without parsing the tensors' bytes.
/// A request that cannot be walked says no: the parser reports it.
/// </summary>
internal static class ShmRefScan
{
    private static readonly HashSet<ulong> TensorFields =
    [
        InputBatch.WavelengthsFieldNumber, InputBatch.CubeFieldNumber, InputBatch.MaskFieldNumber,
        InputBatch.MesuIndexFieldNumber, InputBatch.RgbImageFieldNumber, InputBatch.FrameIdFieldNumber,
    ];

    public static bool Any(ReadOnlySequence<byte> request) =>
        Fields(request).Any(f => f.Number == InferenceRequest.InputsFieldNumber && InBatch(f.Payload));

    private static bool InBatch(ReadOnlySequence<byte> batch) => Fields(batch).Any(f =>
        TensorFields.Contains(f.Number) ? IsShared(f.Payload)
        : f.Number == InputBatch.ExtraInputsFieldNumber && Fields(f.Payload).Any(e => e.Number == 2 && IsShared(e.Payload)));

    private static bool IsShared(ReadOnlySequence<byte> tensor) => Fields(tensor).Any(f => f.Number == Tensor.ShmRefFieldNumber);

    private static List<(ulong Number, ReadOnlySequence<byte> Payload)> Fields(ReadOnlySequence<byte> message)
    {
        var found = new List<(ulong Number, ReadOnlySequence<byte> Payload)>();
        var reader = new SequenceReader<byte>(message);
        while (!reader.End && ProtobufWire.ReadField(ref reader, out var number, out var payload))
        {
            if (payload is { } bytes)
            {
                found.Add((number, bytes));
            }
        }

        return found;
    }
}
