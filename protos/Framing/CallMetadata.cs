using Cuvis.Sandbox.Protos.Worker.V1;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>gRPC metadata (headers, trailers) as the call channel's frames carry it.</summary>
public static class CallMetadata
{
    /// <summary>Copies <paramref name="metadata"/> into a frame's entries.</summary>
    public static void Write(Metadata? metadata, RepeatedField<FramedMetadata> entries)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            entries.Add(entry.IsBinary
                ? new FramedMetadata { Key = entry.Key, BinaryValue = ByteString.CopyFrom(entry.ValueBytes) }
                : new FramedMetadata { Key = entry.Key, Value = entry.Value });
        }
    }

    /// <summary>The metadata a frame carries.</summary>
    /// <exception cref="InvalidDataException">An entry's key is not a valid gRPC metadata key.</exception>
    public static Metadata Read(RepeatedField<FramedMetadata> entries)
    {
        var metadata = new Metadata();
        foreach (var entry in entries)
        {
            try
            {
                if (entry.Key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
                {
                    metadata.Add(entry.Key, entry.BinaryValue.ToByteArray());
                }
                else
                {
                    metadata.Add(entry.Key, entry.Value);
                }
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"A frame carries the metadata key '{StatusMessages.Fit(entry.Key, 64)}', which gRPC does not allow: {e.Message}", e);
            }
        }

        return metadata;
    }
}
