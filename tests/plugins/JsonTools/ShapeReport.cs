using Cuvis.Sandbox.Contracts;
using Newtonsoft.Json;

namespace JsonTools;

/// <summary>Uses its own NuGet dependency (Newtonsoft.Json) to describe its input.</summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("length", DType.Float32)]
public sealed class ShapeReport : Node
{
    private static readonly JsonSerializerSettings Settings = new() { Formatting = Formatting.None };

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var json = JsonConvert.SerializeObject(inputs.Required("data").Shape.ToArray(), Settings);
        return new NodeOutputs().Set("length", Tensor.Scalar((float)json.Length));
    }
}
