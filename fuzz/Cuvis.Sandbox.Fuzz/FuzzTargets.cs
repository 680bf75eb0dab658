using Cuvis.Sandbox.Fuzz.Targets;

namespace Cuvis.Sandbox.Fuzz;

/// <summary>The fuzz targets by the name <c>./run.sh fuzz --target</c> and the corpus folders use.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } = [new ManifestTarget(), new PipelineTarget(), new TensorTarget(), new CallAnswerTarget()];

    public static IEnumerable<string> Names => All.Select(target => target.Name);

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(target => target.Name == name);
}
