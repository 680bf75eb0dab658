using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes;

/// <summary>
/// Implemented by a builtin node whose input ports accept more element types than the one
/// declared with <see cref="InputPortAttribute"/>. An attribute declares a single dtype and the
/// plugin API (contracts) has no way to say more, so this stays internal to the worker: the
/// pipeline host asks a node that implements it before rejecting an input on its dtype.
/// </summary>
/// <remarks>
/// Only the dtype check is widened; the host still checks the declared shape, and the node's
/// <see cref="Node.Forward"/> converts whatever it accepts.
/// </remarks>
internal interface IAcceptsDTypes
{
    /// <summary>Returns every dtype the input <paramref name="port"/> accepts, the declared one included.</summary>
    /// <param name="port">An input port name, compared ordinally.</param>
    /// <returns>The accepted dtypes; empty if the node declares no input port of that name.</returns>
    IReadOnlySet<DType> AcceptedInputDTypes(string port);
}
