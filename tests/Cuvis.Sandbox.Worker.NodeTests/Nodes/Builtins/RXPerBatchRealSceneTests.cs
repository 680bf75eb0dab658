using System.Diagnostics;
using Cuvis.Sandbox.Worker.Nodes.Builtins;
using Cuvis.Sandbox.Worker.NodeTests.Infrastructure;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes.Builtins;

/// <summary>
/// RX on four real airborne scenes against the ROC AUCs of the reference (NumPy, float64,
/// pseudo-inverse; data/hsi-anomaly/README.md), to three decimals. Min-max normalisation must not
/// move them: that is the scale invariance a fixed ridge would break.
/// </summary>
public class RXPerBatchRealSceneTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sandiego_plane", 0.9403)]
    [InlineData("hydice_urban", 0.9763)]
    [InlineData("abu_urban_2", 0.9952)]
    [InlineData("abu_beach_4", 0.9887)]
    public void Forward_RawCube_ReproducesTheReferenceAuc(string scene, double reference)
    {
        var (cube, anomalous) = AnomalyScenes.Load(scene);
        var data = new HyperspectralInput().Run(("cube", cube)).Output("cube");

        var watch = Stopwatch.StartNew();
        var scores = new RXPerBatch().Run(("data", data)).Floats("scores");
        watch.Stop();

        var auc = RocAuc.Compute(scores, anomalous);
        output.WriteLine($"{scene} {cube}: raw AUC {auc:F6} (reference {reference}), RX {watch.ElapsedMilliseconds} ms");
        auc.Should().BeApproximately(reference, 0.0005);
    }

    [Theory]
    [InlineData("sandiego_plane", 0.9403)]
    [InlineData("hydice_urban", 0.9763)]
    [InlineData("abu_urban_2", 0.9952)]
    [InlineData("abu_beach_4", 0.9887)]
    public void Forward_MinMaxNormalizedCube_ReproducesTheReferenceAuc(string scene, double reference)
    {
        var (cube, anomalous) = AnomalyScenes.Load(scene);
        var data = new HyperspectralInput().Run(("cube", cube)).Output("cube");
        var normalized = new MinMaxNormalizer().Run(("data", data)).Output("normalized");

        var scores = new RXPerBatch().Run(("data", normalized)).Floats("scores");

        var auc = RocAuc.Compute(scores, anomalous);
        output.WriteLine($"{scene}: min-max normalised AUC {auc:F6} (reference {reference})");
        auc.Should().BeApproximately(reference, 0.0005);
    }
}
