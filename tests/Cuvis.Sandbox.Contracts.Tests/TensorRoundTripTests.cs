using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Contracts.Tests;

/// <summary>Every dtype through every factory, compared bit for bit (NaN payloads included).</summary>
public class TensorRoundTripTests
{
    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void FromArray_EveryDType_StoresLittleEndianBytesBitExact(DType dtype) =>
        ElementSamples.Run(dtype, new FromArrayRoundTrip());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void Wrap_EveryDType_ReadsLittleEndianBytesBitExact(DType dtype) =>
        ElementSamples.Run(dtype, new WrapRoundTrip());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void Create_EveryDType_StartsZeroedAndStoresWhatTheSpanWrites(DType dtype) =>
        ElementSamples.Run(dtype, new CreateRoundTrip());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void Wrap_EveryDType_SharesTheBufferWithoutCopying(DType dtype) =>
        ElementSamples.Run(dtype, new WrapShares());

    [Fact]
    public void FromArray_Int32_StoresLeastSignificantByteFirst()
    {
        var tensor = Tensor.FromArray([0x0102_0304], 1);

        tensor.Data.ToArray().Should().Equal(0x04, 0x03, 0x02, 0x01);
    }

    [Fact]
    public void AsReadOnlySpan_SignalingNaNPayloads_KeepsEveryBit()
    {
        var single = Tensor.Wrap(DType.Float32, [], new byte[] { 0x01, 0x00, 0xA0, 0x7F });
        var half = Tensor.Wrap(DType.Float16, [], new byte[] { 0x01, 0x7C });
        var @double = Tensor.Wrap(DType.Float64, [], new byte[] { 0x01, 0, 0, 0, 0, 0, 0xF0, 0x7F });

        BitConverter.SingleToUInt32Bits(single.AsReadOnlySpan<float>()[0]).Should().Be(0x7FA0_0001u);
        BitConverter.HalfToUInt16Bits(half.AsReadOnlySpan<Half>()[0]).Should().Be((ushort)0x7C01);
        BitConverter.DoubleToUInt64Bits(@double.AsReadOnlySpan<double>()[0]).Should().Be(0x7FF0_0000_0000_0001ul);
    }

    private static byte[] BytesOf<T>(ReadOnlySpan<T> elements)
        where T : unmanaged => MemoryMarshal.AsBytes(elements).ToArray();

    private sealed class FromArrayRoundTrip : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            var tensor = Tensor.FromArray(values, ElementSamples.Shape);

            tensor.DType.Should().Be(dtype);
            tensor.Data.ToArray().Should().Equal(littleEndian);
            BytesOf(tensor.AsReadOnlySpan<T>()).Should().Equal(BytesOf<T>(values));
        }
    }

    private sealed class WrapRoundTrip : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            var tensor = Tensor.Wrap(dtype, ElementSamples.Shape, littleEndian.ToArray());

            tensor.ElementCount.Should().Be(values.Length);
            BytesOf(tensor.AsReadOnlySpan<T>()).Should().Equal(BytesOf<T>(values));
        }
    }

    private sealed class CreateRoundTrip : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            var tensor = Tensor.Create<T>(ElementSamples.Shape);
            tensor.Data.ToArray().Should().OnlyContain(b => b == 0);

            values.CopyTo(tensor.AsSpan<T>());

            tensor.DType.Should().Be(dtype);
            tensor.Data.ToArray().Should().Equal(littleEndian);
        }
    }

    private sealed class WrapShares : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            var buffer = new byte[littleEndian.Length];
            var tensor = Tensor.Wrap(dtype, ElementSamples.Shape, buffer);

            values.CopyTo(tensor.AsSpan<T>());

            buffer.Should().Equal(littleEndian);
        }
    }
}
