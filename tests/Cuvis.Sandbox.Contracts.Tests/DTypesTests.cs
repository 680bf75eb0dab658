namespace Cuvis.Sandbox.Contracts.Tests;

public class DTypesTests
{
    [Fact]
    public void DType_Values_MatchTheWireNumbersAndSkipZero()
    {
        var numbers = Enum.GetValues<DType>().ToDictionary(dtype => dtype.ToString(), dtype => (int)dtype);

        numbers.Should().Equal(new Dictionary<string, int>
        {
            ["Float32"] = 1,
            ["Float64"] = 2,
            ["Int32"] = 3,
            ["Int64"] = 4,
            ["UInt8"] = 5,
            ["Bool"] = 6,
            ["Float16"] = 7,
            ["UInt16"] = 8,
        });
    }

    [Theory]
    [InlineData(DType.Float32, 4)]
    [InlineData(DType.Float64, 8)]
    [InlineData(DType.Int32, 4)]
    [InlineData(DType.Int64, 8)]
    [InlineData(DType.UInt8, 1)]
    [InlineData(DType.Bool, 1)]
    [InlineData(DType.Float16, 2)]
    [InlineData(DType.UInt16, 2)]
    public void SizeOf_DefinedDType_ReturnsBytesPerElement(DType dtype, int expected)
    {
        DTypes.SizeOf(dtype).Should().Be(expected);
        dtype.SizeOf().Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void SizeOf_UndefinedDType_ThrowsNamingTheValue(int value)
    {
        var act = () => ((DType)value).SizeOf();

        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"{value} is not a defined DType*")
            .Which.ParamName.Should().Be("dtype");
    }

    [Fact]
    public void Of_SupportedType_MapsToItsDType()
    {
        DType[] mapped =
        [
            DTypes.Of<float>(), DTypes.Of<double>(), DTypes.Of<int>(), DTypes.Of<long>(),
            DTypes.Of<byte>(), DTypes.Of<bool>(), DTypes.Of<Half>(), DTypes.Of<ushort>(),
        ];

        mapped.Should().Equal(
            DType.Float32, DType.Float64, DType.Int32, DType.Int64,
            DType.UInt8, DType.Bool, DType.Float16, DType.UInt16);
    }

    [Theory]
    [MemberData(nameof(ElementSamples.AllDTypes), MemberType = typeof(ElementSamples))]
    public void Of_ElementTypeOfEachDType_RoundTripsAndMatchesSize(DType dtype) =>
        ElementSamples.Run(dtype, new OfMatches());

    [Fact]
    public void Of_UnsupportedType_ThrowsNamingTheType()
    {
        var signedByte = () => DTypes.Of<sbyte>();
        var unsignedLong = () => DTypes.Of<ulong>();

        signedByte.Should().Throw<NotSupportedException>().WithMessage("System.SByte is not a tensor element type*");
        unsignedLong.Should().Throw<NotSupportedException>().WithMessage("System.UInt64 is not a tensor element type*");
    }

    private sealed class OfMatches : IElementTest
    {
        public void Run<T>(DType dtype, T[] values, byte[] littleEndian)
            where T : unmanaged
        {
            DTypes.Of<T>().Should().Be(dtype);
            dtype.SizeOf().Should().Be(System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        }
    }
}
