namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

public enum ReductionMode
{
    Mean,
    Median,
    MaxPool,
}
