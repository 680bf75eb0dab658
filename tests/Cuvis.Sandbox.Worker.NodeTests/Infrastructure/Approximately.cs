namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

/// <summary>Element-wise comparison of float outputs with expected values written out in a test.</summary>
public static class Approximately
{
    public static void ShouldEqualApproximately(this IReadOnlyList<float> actual, IReadOnlyList<double> expected, double tolerance = 1e-6)
    {
        actual.Should().HaveSameCount(expected);
        for (var i = 0; i < expected.Count; i++)
        {
            ((double)actual[i]).Should().BeApproximately(expected[i], tolerance, "element {0} of [{1}]", i, string.Join(", ", actual));
        }
    }
}
