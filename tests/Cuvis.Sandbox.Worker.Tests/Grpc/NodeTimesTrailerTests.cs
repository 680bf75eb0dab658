using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Tests.Grpc;

public sealed class NodeTimesTrailerTests
{
    [Fact]
    public void AddTo_NamesEachNodeWithItsWholeMicroseconds_InOrder()
    {
        var trailers = new global::Grpc.Core.Metadata();

        NodeTimesTrailer.AddTo(trailers, [new("input", TimeSpan.FromMicroseconds(35.9)), new("rx", TimeSpan.FromMilliseconds(81.518))]);

        trailers.Should().ContainSingle().Which.Value.Should().Be("input=35;rx=81518");
    }

    [Fact]
    public void AddTo_ThousandsOfNodes_StopsAtTheLimit_AndCountsTheNodesLeftOut()
    {
        var times = Enumerable.Range(0, 3000).Select(i => new NodeTime($"node_{i}", TimeSpan.FromMicroseconds(1234))).ToList();
        var trailers = new global::Grpc.Core.Metadata();

        NodeTimesTrailer.AddTo(trailers, times);

        var value = trailers.GetValue(NodeTimesTrailer.Key)!;
        value.Length.Should().BeLessThanOrEqualTo(NodeTimesTrailer.MaxLength);
        var sent = value.Split(';');
        sent.Should().StartWith(["node_0=1234", "node_1=1234"]).And.OnlyContain(entry => entry.EndsWith("=1234", StringComparison.Ordinal));
        trailers.GetValue(NodeTimesTrailer.OmittedKey).Should().Be((3000 - sent.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
