namespace Cuvis.Sandbox.Client.Tests.Tensors;

/// <summary>Every dtype through every factory and back, compared bit for bit (NaN payloads included).</summary>
public class TensorDataRoundTripTests
{
    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void FromArray_EveryDType_HoldsLittleEndianCOrderBytes(DType dtype) => ElementSamples.Run(dtype, new FromArray());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void FromSpan_EveryDType_HoldsLittleEndianCOrderBytes(DType dtype) => ElementSamples.Run(dtype, new FromSpan());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void FromMemory_EveryDType_HoldsLittleEndianCOrderBytes(DType dtype) => ElementSamples.Run(dtype, new FromMemory());

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void Wrap_EveryDType_ReadsLittleEndianCOrderBytes(DType dtype) => ElementSamples.Run(dtype, new Wrap());

    [Fact]
    public void FromArray_Int32_StoresLeastSignificantByteFirst() =>
        TensorData.From([0x0102_0304], 1).Data.ToArray().Should().Equal(0x04, 0x03, 0x02, 0x01);

    private static void Check<T>(TensorData tensor, DType dtype, T[] values, byte[] littleEndian)
        where T : unmanaged
    {
        tensor.DType.Should().Be(dtype);
        tensor.Shape.Should().Equal(ElementSamples.Shape);
        tensor.ElementCount.Should().Be(values.Length);
        tensor.Data.ToArray().Should().Equal(littleEndian);
        Bits(tensor.ToArray<T>()).Should().Equal(Bits(values));
        Bits(tensor.AsSpan<T>().ToArray()).Should().Equal(Bits(values));
    }

    // Compared as bytes, so a NaN equals the same NaN and -0 differs from +0.
    private static byte[] Bits<T>(T[] values)
        where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private sealed class FromArray : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged => Check(TensorData.From(values, ElementSamples.Shape), dtype, values, littleEndian);
    }

    private sealed class FromSpan : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged => Check(TensorData.From((ReadOnlySpan<T>)values, ElementSamples.Shape), dtype, values, littleEndian);
    }

    private sealed class FromMemory : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            // A slice of a larger array: the tensor starts at its offset.
            var padded = new T[values.Length + 2];
            values.CopyTo(padded, 1);
            Check(TensorData.From(new ReadOnlyMemory<T>(padded, 1, values.Length), ElementSamples.Shape), dtype, values, littleEndian);
        }
    }

    private sealed class Wrap : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged => Check(TensorData.Wrap(dtype, littleEndian, ElementSamples.Shape), dtype, values, littleEndian);
    }
}
