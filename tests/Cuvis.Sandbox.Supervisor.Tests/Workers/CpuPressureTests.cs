using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class CpuPressureTests
{
    private const string Pressure = "some avg10=76.90 avg60=49.88 avg300=35.73 total=16548372631\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

    [Fact]
    public void Parse_PressureStallInformation_ReadsSomeAvg10() =>
        CpuPressure.Parse(Pressure, "0.10 0.10 0.10 1/100 1", processors: 2).Should().Be(76.90);

    [Fact]
    public void Parse_WithoutPressureFile_UsesTheLoadAveragePerCore() =>
        CpuPressure.Parse(null, "1.50 3.04 2.74 7/197 9029", processors: 2).Should().Be(75);

    [Fact]
    public void Parse_LoadAboveTheCores_IsCappedAtAHundred() =>
        CpuPressure.Parse(null, "9.00 3.04 2.74 7/197 9029", processors: 2).Should().Be(100);

    [Theory]
    [InlineData("garbage", null)]
    [InlineData("full avg10=50.00", "")]
    [InlineData(null, null)]
    public void Parse_NothingReadable_IsZero(string? pressure, string? loadAverage) =>
        CpuPressure.Parse(pressure, loadAverage, processors: 2).Should().Be(0);
}
