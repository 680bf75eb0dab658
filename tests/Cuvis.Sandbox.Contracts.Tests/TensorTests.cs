namespace Cuvis.Sandbox.Contracts.Tests;

public class TensorTests
{
    [Fact]
    public void Create_Shape_ReportsRankElementCountAndByteLength()
    {
        var tensor = Tensor.Create<double>(2, 3, 4);

        tensor.Shape.ToArray().Should().Equal(2, 3, 4);
        tensor.Rank.Should().Be(3);
        tensor.IsScalar.Should().BeFalse();
        tensor.ElementCount.Should().Be(24);
        tensor.ByteLength.Should().Be(192);
        tensor.AsSpan<double>().Length.Should().Be(24);
    }

    [Fact]
    public void Create_CallerChangesShapeArrayAfterwards_TensorShapeUnchanged()
    {
        long[] shape = [2, 3];
        var tensor = Tensor.Create<float>(shape);

        shape[0] = 99;

        tensor.Shape.ToArray().Should().Equal(2, 3);
    }

    [Fact]
    public void Create_ZeroDimension_HasNoElements()
    {
        var tensor = Tensor.Create<float>(3, 0, 2);

        tensor.Rank.Should().Be(3);
        tensor.ElementCount.Should().Be(0);
        tensor.ByteLength.Should().Be(0);
        tensor.AsSpan<float>().IsEmpty.Should().BeTrue();
        tensor.ToString().Should().Be("Tensor(Float32, [3, 0, 2])");
    }

    [Fact]
    public void Create_NoShape_IsScalarWithOneZeroElement()
    {
        var tensor = Tensor.Create<int>();

        tensor.IsScalar.Should().BeTrue();
        tensor.Rank.Should().Be(0);
        tensor.ElementCount.Should().Be(1);
        tensor.AsSpan<int>().ToArray().Should().Equal(0);
    }

    [Fact]
    public void Create_MoreBytesThanAManagedArrayHolds_ThrowsNamingTheLimit()
    {
        var act = () => Tensor.Create<byte>(int.MaxValue);

        act.Should().Throw<ArgumentException>()
            .WithMessage("A UInt8 tensor of shape [2147483647] would need 2147483647 bytes*Array.MaxLength*")
            .Which.ParamName.Should().Be("shape");
    }

    [Fact]
    public void Create_UnsupportedElementType_ThrowsNamingTheType()
    {
        var act = () => Tensor.Create<char>(2);

        act.Should().Throw<NotSupportedException>().WithMessage("*System.Char*");
    }

    [Fact]
    public void FromArray_CallerChangesArrayAfterwards_TensorUnchanged()
    {
        float[] data = [1, 2, 3, 4];
        var tensor = Tensor.FromArray(data, 2, 2);

        data[0] = 99;

        tensor.AsReadOnlySpan<float>().ToArray().Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void FromArray_LengthDiffersFromShape_ThrowsNamingBoth()
    {
        var act = () => Tensor.FromArray(new float[5], 2, 3);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Data has 5 elements but shape [2, 3] holds 6.*")
            .Which.ParamName.Should().Be("data");
    }

    [Fact]
    public void FromArray_NegativeDimension_ThrowsNamingTheDimension()
    {
        var act = () => Tensor.FromArray(new int[2], 2, -1);

        act.Should().Throw<ArgumentException>().WithMessage("*negative dimension (-1 at index 1)*");
    }

    [Fact]
    public void AsSpan_OtherElementType_ThrowsNamingBothDTypesAndTheRightCall()
    {
        var tensor = Tensor.Scalar(1f);

        Action act = () => tensor.AsSpan<double>();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Cannot view a Float32 tensor as Double (Float64 elements). Use AsSpan<float>().");
    }

    [Fact]
    public void AsReadOnlySpan_OtherElementType_ThrowsNamingBothDTypes()
    {
        var tensor = Tensor.Create<Half>(2);

        Action act = () => tensor.AsReadOnlySpan<ushort>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*Float16 tensor*UInt16*AsSpan<Half>()*");
    }

    [Fact]
    public void AsSpan_NotAnElementType_ThrowsNamingTheType()
    {
        var tensor = Tensor.Create<ushort>(2);

        Action act = () => tensor.AsSpan<char>();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Cannot view a UInt16 tensor as System.Char: it is not a tensor element type. Use AsSpan<ushort>().");
    }

    [Fact]
    public void AsSpan_Write_ShowsInData()
    {
        var tensor = Tensor.Create<ushort>(2);

        tensor.AsSpan<ushort>()[1] = 0xABCD;

        tensor.Data.ToArray().Should().Equal(0x00, 0x00, 0xCD, 0xAB);
    }

    [Fact]
    public void ToString_Tensor_GivesDTypeAndShape()
    {
        var tensor = Tensor.Create<float>(1, 4, 4, 3);

        tensor.ToString().Should().Be("Tensor(Float32, [1, 4, 4, 3])");
    }

    [Fact]
    public void Shape_ListPattern_MatchesDimensions()
    {
        var tensor = Tensor.Create<float>(1, 4, 5, 3);

        var matched = tensor.Shape is [1, var height, var width, 3] ? (height, width) : default;

        matched.Should().Be((4L, 5L));
    }
}
