using CsCheck;
using Google.Protobuf;
using WireDType = Cuvis.Sandbox.Protos.V1.DType;
using WireTensor = Cuvis.Sandbox.Protos.V1.Tensor;

namespace Cuvis.Sandbox.Worker.Tests.Tensors;

/// <summary>Wire tensors as clients send them: valid ones of every dtype, and ones whose claims do not add up.</summary>
internal static class TensorGenerators
{
    private static readonly WireDType[] DTypes =
        [WireDType.Float32, WireDType.Float64, WireDType.Int32, WireDType.Int64, WireDType.Uint8, WireDType.Bool, WireDType.Float16, WireDType.Uint16];

    /// <summary>Dimensions that break shape arithmetic: 0, 1, negatives, powers of two around the int and long limits.</summary>
    private static readonly Gen<long> NastyDimension = Gen.OneOf(
        Gen.Long[-3, 8],
        Gen.OneOf(long.MinValue, long.MaxValue, int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, 1L << 40, 1L << 31, 1L << 32, 1L << 62, -(1L << 40)),
        Gen.Long);

    public static readonly Gen<WireTensor> Valid =
        Gen.Select(Gen.OneOf(DTypes), Gen.Long[0, 5].Array[0, 5])
            .SelectMany((dtype, shape) => Elements(dtype, shape).Select(data => Wire(dtype, shape, data)));

    /// <summary>Any dtype number, any shape, and raw_data of a length that rarely matches: the codec must refuse what does not add up.</summary>
    public static readonly Gen<WireTensor> Absurd =
        Gen.Select(Gen.OneOf(Gen.OneOf(DTypes), Gen.Int[-2, 12].Select(value => (WireDType)value), Gen.Int.Select(value => (WireDType)value)),
            NastyDimension.Array[0, 8], Gen.Byte.Array[0, 64], Wire);

    /// <summary>
    /// Protobuf keys and values a fuzzer would splice into a serialized tensor: each field's key
    /// (shape unpacked and packed, dtype, raw_data, the reserved field 4), and varints at the limits.
    /// </summary>
    public static readonly byte[][] Tokens =
    [
        [0x08], [0x0A], [0x10], [0x1A], [0x22], [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
        [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    ];

    public static byte[] Bytes(WireTensor wire) => wire.ToByteArray();

    private static Gen<byte[]> Elements(WireDType dtype, long[] shape)
    {
        var count = (int)shape.Aggregate(1L, (product, dimension) => product * dimension);
        return dtype == WireDType.Bool ? Gen.Byte[0, 1].Array[count] : Gen.Byte.Array[count * ItemSize(dtype)];
    }

    public static int ItemSize(WireDType dtype) => dtype switch
    {
        WireDType.Float64 or WireDType.Int64 => 8,
        WireDType.Float32 or WireDType.Int32 => 4,
        WireDType.Float16 or WireDType.Uint16 => 2,
        _ => 1,
    };

    private static WireTensor Wire(WireDType dtype, long[] shape, byte[] data)
    {
        var wire = new WireTensor { Dtype = dtype, RawData = ByteString.CopyFrom(data) };
        wire.Shape.Add(shape);
        return wire;
    }
}
