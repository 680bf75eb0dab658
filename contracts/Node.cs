namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// The base class of every pipeline node a plugin provides: one step that turns named input
/// tensors into named output tensors.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ports.</b> Declare the node's inputs and outputs with <see cref="InputPortAttribute"/> and
/// <see cref="OutputPortAttribute"/> on the class. The host reads them without constructing the node.
/// An input declared <see cref="InputPortAttribute.Variadic"/> takes several connections, read
/// with <see cref="NodeInputs.GetAll"/>.
/// </para>
/// <para>
/// <b>Metadata.</b> Optionally, <see cref="NodeMetadataAttribute"/> on the class gives the node's
/// <see cref="NodeCategory"/>, its <see cref="NodeTag"/>s and an SVG icon, which clients use to
/// group, filter and draw the node catalogue.
/// </para>
/// <para>
/// <b>Parameters.</b> A node class has exactly one public constructor. The host binds the node's
/// <c>params</c> from the pipeline to the constructor's parameters by name. Parameter types are
/// primitives (<see cref="bool"/>, integers, <see cref="float"/>, <see cref="double"/>),
/// <see cref="string"/>, enums, and arrays of these. A parameter with a default value is optional;
/// one without must be given in the pipeline.
/// </para>
/// <para>
/// <b>Forward.</b> Read the inputs and return the outputs; keep no reference to input tensors
/// after returning and do not write to them, because the host may share them with other nodes.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [InputPort("cube", DType.Float32, 1, -1, -1, -1, Description = "Hyperspectral cube, NHWC.")]
/// [OutputPort("mean", DType.Float32, Description = "Mean of every value in the cube, times scale.")]
/// public sealed class MeanNode(float scale = 1f) : Node
/// {
///     public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
///     {
///         var cube = inputs.Required("cube").AsReadOnlySpan&lt;float&gt;();
///         var sum = 0.0;
///         foreach (var value in cube)
///         {
///             sum += value;
///         }
///
///         var mean = cube.IsEmpty ? 0.0 : sum / cube.Length;
///         return new NodeOutputs().Set("mean", Tensor.Scalar((float)(mean * scale)));
///     }
/// }
/// </code>
/// </example>
public abstract class Node
{
    /// <summary>Runs the node once.</summary>
    /// <param name="inputs">
    /// A tensor for every required input port and for each optional one the pipeline connects
    /// (one per connection for a variadic port), already checked against the declared dtypes and shapes.
    /// </param>
    /// <param name="cancellationToken">
    /// Signalled when the host gives up on the call (the client cancelled, a deadline passed, the
    /// session is closing). Check it in long loops and let the <see cref="OperationCanceledException"/> propagate.
    /// </param>
    /// <returns>A tensor for every declared output port.</returns>
    public abstract NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken);
}
