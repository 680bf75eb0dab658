using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class MetricValueTests
{
    // One scalar of each dtype, made with the Tensor.Scalar overload of its element type, and the
    // float the wire's map<string, float> metrics carry for it.
    public static TheoryData<DType, Tensor, float> ScalarOfEveryDType => new()
    {
        { DType.Float32, Tensor.Scalar(float.MaxValue), float.MaxValue },
        { DType.Float64, Tensor.Scalar(0.1), 0.1f },
        { DType.Float64, Tensor.Scalar(1e300), float.PositiveInfinity },
        { DType.Int32, Tensor.Scalar(int.MinValue), -2_147_483_648f },
        { DType.Int64, Tensor.Scalar(long.MaxValue), 9_223_372_036_854_775_808f },
        { DType.Int64, Tensor.Scalar(-3L), -3f },
        { DType.UInt8, Tensor.Scalar(byte.MaxValue), 255f },
        { DType.Bool, Tensor.Scalar(true), 1f },
        { DType.Bool, Tensor.Scalar(false), 0f },
        { DType.Float16, Tensor.Scalar(Half.MaxValue), 65_504f },
        { DType.UInt16, Tensor.Scalar(ushort.MaxValue), 65_535f },
    };

    [Theory]
    [MemberData(nameof(ScalarOfEveryDType))]
    public void TryRead_ScalarOfAnyDType_IsTheNearestFloat(DType dtype, Tensor scalar, float expected)
    {
        scalar.DType.Should().Be(dtype);

        MetricValue.TryRead(scalar, out var value).Should().BeTrue();

        value.Should().Be(expected);
    }

    [Fact]
    public void TryRead_EveryDType_HasACase() =>
        ScalarOfEveryDType.Select(row => (DType)row[0]).Distinct().Should().BeEquivalentTo(Enum.GetValues<DType>());

    [Fact]
    public void TryRead_OneElementVector_IsNotAMetric()
    {
        MetricValue.TryRead(Tensor.FromArray(new[] { 7L }, 1), out var value).Should().BeFalse();

        value.Should().Be(0f);
    }
}
