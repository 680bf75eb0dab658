using System.Reflection;
using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Contracts.Tests;

// Every call passes an argument of a fixed static type, so these tests also pin which overload the
// compiler picks for it: a new overload that changes a binding fails here.
public class TensorScalarTests
{
    [Theory]
    [InlineData(1.5f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    [InlineData(-0f)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void Scalar_Float_IsFloat32HoldingTheValue(float value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.Float32, value);

    [Theory]
    [InlineData(-2.25)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(-0d)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Scalar_Double_IsFloat64HoldingTheValue(double value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.Float64, value);

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(16_777_217)] // 2^24 + 1: a float would hold 16 777 216
    [InlineData(int.MaxValue)]
    public void Scalar_Int_IsInt32HoldingTheValue(int value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.Int32, value);

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(9_007_199_254_740_993L)] // 2^53 + 1: neither a float nor a double holds it
    [InlineData(long.MaxValue)]
    public void Scalar_Long_IsInt64HoldingTheValue(long value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.Int64, value);

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)128)]
    [InlineData(byte.MaxValue)]
    public void Scalar_Byte_IsUInt8HoldingTheValue(byte value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.UInt8, value);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void Scalar_Bool_IsBoolStoredAsOneOrZero(bool value, byte stored)
    {
        var tensor = Tensor.Scalar(value);

        ShouldBeScalar(tensor, DType.Bool, value);
        tensor.Data.Span[0].Should().Be(stored);
    }

    [Theory]
    [InlineData((ushort)0x7BFF)] // Half.MaxValue, 65504
    [InlineData((ushort)0xFBFF)] // Half.MinValue
    [InlineData((ushort)0x0001)] // Half.Epsilon
    [InlineData((ushort)0x8000)] // -0
    [InlineData((ushort)0xFC00)] // negative infinity
    [InlineData((ushort)0x7E01)] // a NaN with a payload
    public void Scalar_Half_IsFloat16HoldingTheValue(ushort bits)
    {
        var value = BitConverter.UInt16BitsToHalf(bits);

        ShouldBeScalar(Tensor.Scalar(value), DType.Float16, value);
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)0x8000)]
    [InlineData(ushort.MaxValue)]
    public void Scalar_UShort_IsUInt16HoldingTheValue(ushort value) =>
        ShouldBeScalar(Tensor.Scalar(value), DType.UInt16, value);

    [Fact]
    public void Scalar_HalfMaxValue_ReadsBackAs65504() =>
        ((float)Tensor.Scalar(Half.MaxValue).AsReadOnlySpan<Half>()[0]).Should().Be(65504f);

    [Fact]
    public void Scalar_IntLiteral_IsInt32NotFloat32() =>
        Tensor.Scalar(1).DType.Should().Be(DType.Int32, "an int literal binds to Scalar(int); write 1f for a Float32 scalar");

    [Fact]
    public void Scalar_Short_WidensToInt32() =>
        ShouldBeScalar(Tensor.Scalar(short.MinValue), DType.Int32, (int)short.MinValue);

    [Fact]
    public void Scalar_UInt_WidensToInt64WithoutLoss() =>
        ShouldBeScalar(Tensor.Scalar(uint.MaxValue), DType.Int64, (long)uint.MaxValue);

    [Fact]
    public void Scalar_NInt_WidensToInt64() =>
        ShouldBeScalar(Tensor.Scalar(nint.MaxValue), DType.Int64, (long)nint.MaxValue);

    [Fact]
    public void Scalar_Char_IsUInt16HoldingTheCodeUnit() =>
        ShouldBeScalar(Tensor.Scalar('\uFFFF'), DType.UInt16, ushort.MaxValue);

    [Fact]
    public void Scalar_ULong_IsACompileErrorThatSaysWhatToWriteAndThrowsIfCalledAnyway()
    {
        var method = typeof(Tensor).GetMethod(nameof(Tensor.Scalar), [typeof(ulong)])!;

        method.GetCustomAttribute<ObsoleteAttribute>().Should().Match<ObsoleteAttribute>(obsolete =>
            obsolete.IsError && obsolete.Message!.Contains("Tensor.Scalar(checked((long)value))", StringComparison.Ordinal));
        method.Invoking(m => m.Invoke(null, [ulong.MaxValue])).Should().Throw<TargetInvocationException>()
            .WithInnerException<NotSupportedException>().WithMessage("There is no UInt64 dtype*");
    }

    [Fact]
    public void Scalar_ToString_NamesTheDTypeAndAnEmptyShape() =>
        Tensor.Scalar(-2.25).ToString().Should().Be("Tensor(Float64, [])");

    private static void ShouldBeScalar<T>(Tensor tensor, DType dtype, T expected)
        where T : unmanaged
    {
        tensor.DType.Should().Be(dtype);
        tensor.Rank.Should().Be(0);
        tensor.IsScalar.Should().BeTrue();
        tensor.Shape.IsEmpty.Should().BeTrue();
        tensor.ElementCount.Should().Be(1);
        tensor.ByteLength.Should().Be(dtype.SizeOf());
        var actual = tensor.AsReadOnlySpan<T>()[0];
        actual.Should().Be(expected);
        // Equals calls -0 and 0 equal, and any two NaNs: the bits say whether the value survived exactly.
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in actual)).ToArray()
            .Should().Equal(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in expected)).ToArray());
    }
}
