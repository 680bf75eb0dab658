using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

/// <summary>Runs a node once as the pipeline host would, with named inputs, and reads its outputs.</summary>
public static class NodeRun
{
    public static NodeOutputs Run(this Node node, params (string Port, Tensor Tensor)[] inputs) =>
        node.Forward(new NodeInputs(inputs.ToDictionary(input => input.Port, input => input.Tensor)), CancellationToken.None);

    public static Tensor Output(this NodeOutputs outputs, string port) =>
        outputs.TryGet(port, out var tensor) ? tensor : throw new KeyNotFoundException($"The node set no output '{port}'; it set: {string.Join(", ", outputs.Names)}.");

    public static float[] Floats(this NodeOutputs outputs, string port) => outputs.Output(port).AsReadOnlySpan<float>().ToArray();

    public static bool[] Bools(this NodeOutputs outputs, string port) => outputs.Output(port).AsReadOnlySpan<bool>().ToArray();

    public static Tensor Cube(float[] values, params long[] shape) => Tensor.FromArray(values, shape);
}
