using Cuvis.Sandbox.Contracts;
using Newtonsoft.Json.Linq;

namespace JsonPlugin;

/// <summary>Scales values by a factor read with Newtonsoft.Json, a dependency only this plugin carries.</summary>
[InputPort("values", DType.Float32, -1)]
[OutputPort("scaled", DType.Float32, -1)]
public sealed class JsonScaleNode(string settings) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var factor = JObject.Parse(settings).Value<float>("factor");
        var values = inputs.Required("values").AsReadOnlySpan<float>();
        var scaled = Tensor.Create<float>(values.Length);
        var target = scaled.AsSpan<float>();
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = values[i] * factor;
        }

        return new NodeOutputs().Set("scaled", scaled);
    }
}
