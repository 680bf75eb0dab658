namespace Cuvis.Sandbox.Worker.Tensors;

/// <summary>A tensor on the wire is malformed (dtype, shape or byte count); reported as INVALID_ARGUMENT.</summary>
/// <param name="message">What is wrong, naming the tensor.</param>
/// <param name="field">The request field at fault, e.g. <c>inputs.cube.raw_data</c> (<see cref="Pipelines.ProblemFields"/>).</param>
internal sealed class InvalidTensorException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}
