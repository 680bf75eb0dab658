using Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>One input tensor passed by shm_ref: where it sits in the InputBatch and its request field's name.</summary>
/// <param name="Field">The tensor's request field, such as <c>inputs.cube</c>.</param>
/// <param name="MapKey">The extra_inputs key; null for the other fields.</param>
/// <param name="Tensor">The tensor as the client sent it.</param>
/// <param name="FieldNumber">The InputBatch field: 1, 2, 3, 8, 9, 10, or 7 (extra_inputs) with <paramref name="MapKey"/>.</param>
internal sealed record SharedTensor(string Field, int FieldNumber, string? MapKey, Tensor Tensor)
{
    /// <summary>The batch's tensors whose payload is shm_ref, in field order.</summary>
    public static List<SharedTensor> In(InputBatch? batch)
    {
        var found = new List<SharedTensor>();
        if (batch is null)
        {
            return found;
        }

        void Add(string name, int number, Tensor? tensor)
        {
            if (tensor?.PayloadCase == Tensor.PayloadOneofCase.ShmRef)
            {
                found.Add(new SharedTensor("inputs." + name, number, null, tensor));
            }
        }

        Add("wavelengths", InputBatch.WavelengthsFieldNumber, batch.Wavelengths);
        Add("cube", InputBatch.CubeFieldNumber, batch.Cube);
        Add("mask", InputBatch.MaskFieldNumber, batch.Mask);
        Add("mesu_index", InputBatch.MesuIndexFieldNumber, batch.MesuIndex);
        Add("rgb_image", InputBatch.RgbImageFieldNumber, batch.RgbImage);
        Add("frame_id", InputBatch.FrameIdFieldNumber, batch.FrameId);
        foreach (var (key, tensor) in batch.ExtraInputs)
        {
            if (tensor?.PayloadCase == Tensor.PayloadOneofCase.ShmRef)
            {
                found.Add(new SharedTensor($"inputs.extra_inputs[{key}]", InputBatch.ExtraInputsFieldNumber, key, tensor));
            }
        }

        return found;
    }

    /// <summary>Takes this tensor out of <paramref name="batch"/> (a copy of the request's), so the rest serialises without it.</summary>
    public void RemoveFrom(InputBatch batch)
    {
        switch (FieldNumber)
        {
            case InputBatch.WavelengthsFieldNumber: batch.Wavelengths = null; break;
            case InputBatch.CubeFieldNumber: batch.Cube = null; break;
            case InputBatch.MaskFieldNumber: batch.Mask = null; break;
            case InputBatch.MesuIndexFieldNumber: batch.MesuIndex = null; break;
            case InputBatch.RgbImageFieldNumber: batch.RgbImage = null; break;
            case InputBatch.FrameIdFieldNumber: batch.FrameId = null; break;
            default: batch.ExtraInputs.Remove(MapKey!); break;
        }
    }

    /// <summary>shape x itemsize, the exact byte_size the tensor must reference.</summary>
    public long ExpectedBytes()
    {
        var itemSize = Tensor.Dtype switch
        {
            DType.Float32 or DType.Int32 => 4,
            DType.Float64 or DType.Int64 => 8,
            DType.Uint8 or DType.Bool => 1,
            DType.Float16 or DType.Uint16 => 2,
            _ => throw new ShmRefException($"dtype is {Tensor.Dtype}; name the element type so byte_size can be checked", Field + ".dtype"),
        };

        long elements = 1;
        foreach (var dimension in Tensor.Shape)
        {
            if (dimension < 0)
            {
                throw new ShmRefException($"shape holds {dimension}; every dimension is 0 or more", Field + ".shape");
            }

            elements = dimension == 0 || elements <= long.MaxValue / itemSize / dimension
                ? elements * dimension
                : throw new ShmRefException("shape's element count overflows a 64-bit size", Field + ".shape");
        }

        return elements * itemSize;
    }
}
