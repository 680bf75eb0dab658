using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PluginTests.Nodes;

/// <summary>Declares node metadata, an icon and a variadic input, for the mapping to carry.</summary>
[NodeMetadata(NodeCategory.Visualizer, NodeTag.Rgb, NodeTag.Image, IconSvg = Icon)]
[InputPort("layers", DType.Float32, -1, -1, -1, 3, Variadic = true, Description = "Images to overlay.")]
[InputPort("alpha", DType.Float32, Optional = true)]
[OutputPort("overlay", DType.Float32, -1, -1, -1, 3)]
public sealed class TaggedFanInNode : Node
{
    public const string Icon = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><rect width=\"8\" height=\"8\"/></svg>";

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) =>
        new NodeOutputs().Set("overlay", inputs.GetAll("layers")[0]);
}
