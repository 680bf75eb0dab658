using Grpc.Core;

namespace Cuvis.Sandbox.Bench.Tests;

public sealed class NodeTimingTests
{
    [Fact]
    public void Parse_ReadsTheMicrosOfEveryNode() =>
        NodeTiming.Parse("node=123;other=45").Should().BeEquivalentTo(new Dictionary<string, long> { ["node"] = 123, ["other"] = 45 });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("node")]
    [InlineData("node=12x")]
    [InlineData("=12")]
    [InlineData("node=-1")]
    [InlineData("node=1;node=2")]
    public void Parse_RefusesAnythingElse(string? value) => NodeTiming.Parse(value).Should().BeNull();

    [Fact]
    public void Of_FindsTheNodeInTheTrailers()
    {
        var trailers = new Metadata { { "cuvis-node-micros", "n=2500; rx=10" } };

        NodeTiming.Of(trailers, "n").Should().Be(2500);
        NodeTiming.Of(trailers, "missing").Should().BeNull();
        NodeTiming.Of([], "n").Should().BeNull();
    }
}
