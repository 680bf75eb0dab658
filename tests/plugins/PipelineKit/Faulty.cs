using Cuvis.Sandbox.Contracts;

namespace PipelineKit;

/// <summary>Throws when any input value reaches the trigger; otherwise passes its input through.</summary>
[InputPort("data", DType.Float32, -1)]
[OutputPort("data", DType.Float32, -1)]
public sealed class Faulty(float trigger = 100f) : Node
{
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        foreach (var value in data.AsReadOnlySpan<float>())
        {
            if (value >= trigger)
            {
                throw new InvalidOperationException($"value {value} reached the trigger {trigger}");
            }
        }

        return new NodeOutputs().Set("data", data);
    }
}
