using System.Buffers;
using System.Text;

namespace Cuvis.Sandbox.Supervisor.Grpc;

/// <summary>
/// Checks an InferenceRequest on the wire, before it is parsed, against the counts that cost far
/// more parsed than sent: a million tiny <c>extra_inputs</c> entries are 23 MB on the wire but
/// about 400 MB and seconds of CPU once parsed, in the supervisor and again in the worker, and a
/// shape of a million dimensions grows eight-fold. The walk skips every payload by its length, so
/// it costs a step per field, and stops at the first count past its limit. What it cannot read it
/// leaves to the protobuf parser, which reports it.
/// </summary>
internal static class InferenceRequestLimits
{
    /// <summary>Most dimensions of one tensor, as in NumPy.</summary>
    public const int MaxTensorRank = 64;

    private static readonly string[] BatchTensors = ["", "wavelengths", "cube", "mask"];

    /// <exception cref="MalformedRequestException">A count is past its limit.</exception>
    public static void Check(ReadOnlySequence<byte> message, int maxInputs)
    {
        var reader = new SequenceReader<byte>(message);
        var outputSpecs = 0;
        // Repeated occurrences of a message field are merged by the parser: shapes add up.
        var batchRanks = new int[BatchTensors.Length];
        var entries = 0;
        while (ProtobufWire.ReadField(ref reader, out var field, out var payload))
        {
            if (field == 2 && payload is { } batch)
            {
                CheckBatch(batch, maxInputs, batchRanks, ref entries);
            }
            else if (field == 3 && payload is not null && ++outputSpecs > maxInputs)
            {
                throw new MalformedRequestException(
                    $"The InferenceRequest lists more than {maxInputs:N0} output_specs, more than Server:MaxInferenceInputs allows; it was "
                    + "refused before it was parsed. Select outputs by '<node>.<port>' or port name, or leave output_specs empty for all.");
            }
        }
    }

    private static void CheckBatch(ReadOnlySequence<byte> batch, int maxInputs, int[] batchRanks, ref int entries)
    {
        var reader = new SequenceReader<byte>(batch);
        while (ProtobufWire.ReadField(ref reader, out var field, out var payload))
        {
            if (payload is not { } value)
            {
                continue;
            }

            if (field is >= 1 and <= 3)
            {
                batchRanks[field] = CheckTensor(value, BatchTensors[field], batchRanks[field]);
            }
            else if (field == 7)
            {
                if (++entries > maxInputs)
                {
                    throw new MalformedRequestException(
                        $"The InferenceRequest's inputs.extra_inputs holds more than {maxInputs:N0} entries, more than Server:MaxInferenceInputs "
                        + "allows; it was refused before it was parsed. A batch names a pipeline's input ports, a handful of keys; "
                        + "ask the operator to raise Server:MaxInferenceInputs if a pipeline really has more.");
                }

                CheckEntry(value);
            }
        }
    }

    private static void CheckEntry(ReadOnlySequence<byte> entry)
    {
        var reader = new SequenceReader<byte>(entry);
        var key = "";
        ReadOnlySequence<byte>? tensor = null;
        while (ProtobufWire.ReadField(ref reader, out var field, out var payload))
        {
            if (field == 1 && payload is { } name)
            {
                key = Encoding.UTF8.GetString(name.Slice(0, Math.Min(name.Length, 60)));
            }
            else if (field == 2 && payload is { } value)
            {
                tensor = value;
            }
        }

        if (tensor is { } found)
        {
            CheckTensor(found, key, rankSoFar: 0);
        }
    }

    /// <summary>Counts the shape's dimensions (packed or not) on top of <paramref name="rankSoFar"/>; returns the total.</summary>
    private static int CheckTensor(ReadOnlySequence<byte> tensor, string name, int rankSoFar)
    {
        var reader = new SequenceReader<byte>(tensor);
        var rank = rankSoFar;
        while (reader.TryReadVarint(out var tag))
        {
            var wireType = (int)(tag & 7);
            if (tag >> 3 != 1)
            {
                if (!reader.TrySkip(wireType))
                {
                    return rank;
                }
            }
            else if (wireType == 0)
            {
                if (!reader.TryReadVarint(out _))
                {
                    return rank;
                }

                rank++;
            }
            else if (wireType == ProtobufWire.LengthDelimited && reader.TryReadVarint(out var length) && length <= (ulong)reader.Remaining)
            {
                // Packed: one varint per dimension, each ending in a byte below 0x80.
                foreach (var segment in reader.UnreadSequence.Slice(0, (long)length))
                {
                    foreach (var b in segment.Span)
                    {
                        rank += b < 0x80 ? 1 : 0;
                    }
                }

                reader.Advance((long)length);
            }
            else
            {
                return rank;
            }

            if (rank > MaxTensorRank)
            {
                throw new MalformedRequestException(
                    $"Tensor '{name}' has more than {MaxTensorRank} dimensions in its shape; a tensor has at most {MaxTensorRank} (as in NumPy). "
                    + "It was refused before it was parsed; check the shape you send.");
            }
        }

        return rank;
    }
}
