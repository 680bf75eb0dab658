using System.Runtime.InteropServices;
using Cuvis.Sandbox.Contracts;
using Google.Protobuf;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>
/// Wire tensors (little-endian, C order, <c>raw_data</c> of exactly product(shape) * itemsize
/// bytes) to contract tensors and back, without copying the data either way. Every check runs
/// on the request's numbers before anything is sized by them.
/// </summary>
internal static class TensorCodec
{
    /// <summary>Decodes the tensor <paramref name="name"/>, which travels in the request field <paramref name="field"/>.</summary>
    /// <exception cref="InvalidTensorException">The tensor is malformed; its field names the part at fault (<c>&lt;field&gt;.dtype</c>, <c>.shape</c> or <c>.raw_data</c>).</exception>
    public static Tensor Decode(WireTensor wire, string name, string field)
    {
        var dtype = (DType)(int)wire.Dtype;
        if (wire.Dtype == Protos.V1.DType.Unspecified || !Enum.IsDefined(dtype))
        {
            throw new InvalidTensorException(
                $"Tensor '{name}': dtype is {(wire.Dtype == Protos.V1.DType.Unspecified ? "unspecified" : $"unknown ({(int)wire.Dtype})")}; "
                + "set one of FLOAT32, FLOAT64, INT32, INT64, UINT8, BOOL, FLOAT16, UINT16.",
                $"{field}.dtype");
        }

        if (wire.PayloadCase == WireTensor.PayloadOneofCase.ShmRef)
        {
            // The supervisor resolves a client's shared-memory reference into the session's arena;
            // one reaching a worker unresolved names memory the worker must never open itself.
            throw new InvalidTensorException(
                $"Tensor '{name}': shm_ref '{wire.ShmRef.Name}' was not resolved before reaching the worker; send the data in raw_data.",
                $"{field}.shm_ref");
        }

        var shape = wire.Shape.ToArray();
        var expected = ExpectedBytes(name, $"{field}.shape", shape, dtype.SizeOf());
        if (wire.RawData.Length != expected)
        {
            throw new InvalidTensorException(
                $"Tensor '{name}': shape [{string.Join(", ", shape)}] of {dtype} needs {expected} bytes of raw_data, got {wire.RawData.Length}.",
                $"{field}.raw_data");
        }

        try
        {
            // Nodes never write to their inputs (a contract rule), so the message's own buffer is shared.
            return Tensor.Wrap(dtype, shape, MemoryMarshal.AsMemory(wire.RawData.Memory));
        }
        catch (ArgumentException e)
        {
            // Wrap names what it refused (bool data other than 0 and 1, in practice).
            var part = e.ParamName switch
            {
                "data" => $"{field}.raw_data",
                "shape" => $"{field}.shape",
                "dtype" => $"{field}.dtype",
                _ => field,
            };
            throw new InvalidTensorException($"Tensor '{name}': {e.Message}", part);
        }
    }

    public static WireTensor Encode(Tensor tensor)
    {
        var wire = new WireTensor
        {
            Dtype = (Protos.V1.DType)(int)tensor.DType,
            RawData = UnsafeByteOperations.UnsafeWrap(tensor.Data),
        };
        wire.Shape.AddRange(tensor.Shape.ToArray());
        return wire;
    }

    /// <summary>product(shape) * itemsize, refusing negative dimensions and sizes past what one tensor can hold.</summary>
    public static long ExpectedBytes(string name, string shapeField, IReadOnlyList<long> shape, int itemSize)
    {
        for (var axis = 0; axis < shape.Count; axis++)
        {
            if (shape[axis] < 0)
            {
                throw new InvalidTensorException($"Tensor '{name}': dimension {axis} is {shape[axis]}; dimensions must be 0 or more.", shapeField);
            }
        }

        if (shape.Contains(0))
        {
            return 0;
        }

        long bytes = itemSize;
        foreach (var dimension in shape)
        {
            if (bytes > int.MaxValue / dimension)
            {
                throw new InvalidTensorException(
                    $"Tensor '{name}': shape [{string.Join(", ", shape)}] is too large; one tensor holds at most {int.MaxValue} bytes.",
                    shapeField);
            }

            bytes *= dimension;
        }

        return bytes;
    }
}
