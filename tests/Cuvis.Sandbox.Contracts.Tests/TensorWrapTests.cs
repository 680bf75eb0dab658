namespace Cuvis.Sandbox.Contracts.Tests;

public class TensorWrapTests
{
    [Theory]
    [InlineData(23)]
    [InlineData(25)]
    [InlineData(0)]
    public void Wrap_WrongByteCount_ThrowsNamingExpectedAndActual(int actual)
    {
        var act = () => Tensor.Wrap(DType.Float32, [2, 3], new byte[actual]);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"A Float32 tensor of shape [2, 3] needs exactly 24 bytes (6 elements of 4 bytes), but data has {actual}.*")
            .Which.ParamName.Should().Be("data");
    }

    [Fact]
    public void Wrap_NegativeDimension_ThrowsNamingTheDimension()
    {
        var act = () => Tensor.Wrap(DType.UInt8, [2, -3, 4], new byte[24]);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Shape [2, -3, 4] has a negative dimension (-3 at index 1)*")
            .Which.ParamName.Should().Be("shape");
    }

    [Fact]
    public void Wrap_ShapeOverflowingInt64_ThrowsSayingItOverflows()
    {
        var act = () => Tensor.Wrap(DType.UInt8, [long.MaxValue / 2, 3], Memory<byte>.Empty);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Shape [4611686018427387903, 3] overflows*64-bit*")
            .Which.ParamName.Should().Be("shape");
    }

    [Fact]
    public void Wrap_ShapeOverIntMaxValueBytes_ThrowsNamingTheLimit()
    {
        var act = () => Tensor.Wrap(DType.Float32, [1L << 29], Memory<byte>.Empty);

        act.Should().Throw<ArgumentException>()
            .WithMessage("A Float32 tensor of shape [536870912] would need 2147483648 bytes, more than the 2147483647 bytes*int.MaxValue*")
            .Which.ParamName.Should().Be("shape");
    }

    [Fact]
    public void Wrap_ElementCountTimesItemSizeOverflowingInt64_ReportsTheTrueByteCount()
    {
        var act = () => Tensor.Wrap(DType.Float64, [long.MaxValue / 2], Memory<byte>.Empty);

        act.Should().Throw<ArgumentException>().WithMessage("*would need 36893488147419103224 bytes*");
    }

    [Fact]
    public void Wrap_ShapeOfExactlyIntMaxValueBytes_IsWithinTheLimit()
    {
        // Only the byte count check fails: the size limit itself admits int.MaxValue bytes.
        var act = () => Tensor.Wrap(DType.UInt8, [int.MaxValue], Memory<byte>.Empty);

        act.Should().Throw<ArgumentException>().WithMessage("*needs exactly 2147483647 bytes*but data has 0.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Wrap_UndefinedDType_Throws(int value)
    {
        var act = () => Tensor.Wrap((DType)value, [1], new byte[1]);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("dtype");
    }

    [Fact]
    public void Wrap_BoolByteOtherThanZeroOrOne_ThrowsNamingTheByte()
    {
        var act = () => Tensor.Wrap(DType.Bool, [4], new byte[] { 1, 0, 7, 1 });

        act.Should().Throw<ArgumentException>()
            .WithMessage("Bool tensor data must hold only 0 (false) and 1 (true), but byte 2 is 7.*");
    }

    [Fact]
    public void Wrap_NullShape_ThrowsArgumentNull()
    {
        var act = () => Tensor.Wrap(DType.UInt8, null!, Memory<byte>.Empty);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("shape");
    }

    [Fact]
    public void Wrap_ZeroDimension_AcceptsEmptyData()
    {
        var tensor = Tensor.Wrap(DType.Int64, [3, 0, 2], Memory<byte>.Empty);

        tensor.ElementCount.Should().Be(0);
        tensor.ByteLength.Should().Be(0);
        tensor.AsReadOnlySpan<long>().IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, long.MaxValue, long.MaxValue)]
    [InlineData(long.MaxValue, long.MaxValue, 0)]
    public void Wrap_ZeroDimensionBesideHugeOnes_HasNoElementsWhereverTheZeroIs(long first, long second, long third)
    {
        var tensor = Tensor.Wrap(DType.Float64, [first, second, third], Memory<byte>.Empty);

        tensor.ElementCount.Should().Be(0);
    }

    [Fact]
    public void Wrap_EmptyShape_IsScalarNeedingOneElement()
    {
        var scalar = Tensor.Wrap(DType.Int32, [], new byte[] { 42, 0, 0, 0 });
        var empty = () => Tensor.Wrap(DType.Int32, [], Memory<byte>.Empty);

        scalar.IsScalar.Should().BeTrue();
        scalar.AsReadOnlySpan<int>()[0].Should().Be(42);
        empty.Should().Throw<ArgumentException>().WithMessage("*shape [] needs exactly 4 bytes*");
    }

    [Fact]
    public void Wrap_SliceOfALargerBuffer_ViewsOnlyTheSlice()
    {
        var buffer = new byte[] { 9, 1, 0, 2, 0, 9 };

        var tensor = Tensor.Wrap(DType.UInt16, [2], buffer.AsMemory(1, 4));

        tensor.AsReadOnlySpan<ushort>().ToArray().Should().Equal(1, 2);
    }

    [Fact]
    public void Wrap_CallerChangesShapeArrayAfterwards_TensorShapeUnchanged()
    {
        long[] shape = [2, 2];
        var tensor = Tensor.Wrap(DType.UInt8, shape, new byte[4]);

        shape[1] = 99;

        tensor.Shape.ToArray().Should().Equal(2, 2);
    }
}
