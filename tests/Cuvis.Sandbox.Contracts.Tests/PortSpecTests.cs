namespace Cuvis.Sandbox.Contracts.Tests;

public class PortSpecTests
{
    [Fact]
    public void Constructor_CallerChangesShapeArrayAfterwards_SpecUnchanged()
    {
        long[] shape = [1, -1];
        var spec = new PortSpec("cube", DType.Float32, shape);

        shape[0] = 99;

        spec.Shape.Should().Equal(1, -1);
        spec.Shape.Should().NotBeAssignableTo<long[]>();
    }

    [Fact]
    public void Constructor_Defaults_AreRequiredWithEmptyDescription()
    {
        var spec = new PortSpec("cube", DType.Float32, [1]);

        spec.Optional.Should().BeFalse();
        spec.Description.Should().BeEmpty();
    }

    [Fact]
    public void Equals_SameValuesInDifferentShapeInstances_AreEqualWithEqualHashCodes()
    {
        var left = new PortSpec("cube", DType.Float32, new long[] { 1, -1 }, optional: true, "Cube.");
        var right = new PortSpec("cube", DType.Float32, new List<long> { 1, -1 }, optional: true, "Cube.");

        (left == right).Should().BeTrue();
        left.GetHashCode().Should().Be(right.GetHashCode());
    }

    [Theory]
    [InlineData("mask", DType.Float32, new long[] { 1, -1 }, true, "Cube.")]
    [InlineData("cube", DType.Float64, new long[] { 1, -1 }, true, "Cube.")]
    [InlineData("cube", DType.Float32, new long[] { 1, 2 }, true, "Cube.")]
    [InlineData("cube", DType.Float32, new long[] { 1 }, true, "Cube.")]
    [InlineData("cube", DType.Float32, new long[] { 1, -1 }, false, "Cube.")]
    [InlineData("cube", DType.Float32, new long[] { 1, -1 }, true, "Other.")]
    [InlineData("Cube", DType.Float32, new long[] { 1, -1 }, true, "Cube.")]
    public void Equals_AnyMemberDiffers_AreNotEqual(string name, DType dtype, long[] shape, bool optional, string description)
    {
        var reference = new PortSpec("cube", DType.Float32, [1, -1], optional: true, "Cube.");

        var other = new PortSpec(name, dtype, shape, optional, description);

        (reference == other).Should().BeFalse();
        reference.Equals(other).Should().BeFalse();
    }

    [Fact]
    public void ToString_Spec_PrintsShapeAsAList()
    {
        var spec = new PortSpec("cube", DType.Float32, [1, -1], optional: true, "Cube.");

        spec.ToString().Should().Be("PortSpec { Name = cube, DType = Float32, Shape = [1, -1], Optional = True, Description = Cube., Variadic = False }");
    }

    [Fact]
    public void Constructor_InvalidName_ThrowsNamingThePort()
    {
        var act = () => new PortSpec("9lives", DType.Float32, []);

        act.Should().Throw<ArgumentException>().WithMessage("Port name '9lives' is invalid*");
    }

    [Fact]
    public void Constructor_SizeBelowMinusOne_ThrowsNamingTheSize()
    {
        var act = () => new PortSpec("cube", DType.Float32, [-3]);

        act.Should().Throw<ArgumentException>().WithMessage("Port 'cube' has size -3 at index 0 of shape [-3]*");
    }

    [Fact]
    public void Variadic_Default_IsFalse()
    {
        new PortSpec("cube", DType.Float32, [1]).Variadic.Should().BeFalse();
    }

    [Fact]
    public void Equals_OnlyVariadicDiffers_AreNotEqual()
    {
        var single = new PortSpec("cube", DType.Float32, [1, -1], optional: true, "Cube.");

        var variadic = single with { Variadic = true };

        variadic.Variadic.Should().BeTrue();
        (single == variadic).Should().BeFalse();
        single.Equals(variadic).Should().BeFalse();
    }

    [Fact]
    public void Equals_BothVariadic_AreEqualWithEqualHashCodes()
    {
        var left = new PortSpec("cube", DType.Float32, [1, -1]) { Variadic = true };
        var right = new PortSpec("cube", DType.Float32, new List<long> { 1, -1 }) { Variadic = true };

        (left == right).Should().BeTrue();
        left.GetHashCode().Should().Be(right.GetHashCode());
    }

    [Fact]
    public void ToString_VariadicSpec_PrintsVariadic()
    {
        var spec = new PortSpec("cube", DType.Float32, [1]) { Variadic = true };

        spec.ToString().Should().EndWith("Variadic = True }");
    }
}
