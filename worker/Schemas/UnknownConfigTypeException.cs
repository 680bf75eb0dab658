using Cuvis.Sandbox.Worker.Pipelines;

namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>A config_type that is neither <c>pipeline</c> nor a node class of the session (INVALID_ARGUMENT, field <c>config_type</c>).</summary>
internal sealed class UnknownConfigTypeException(string message) : Exception(message)
{
    /// <summary>The request field at fault.</summary>
    public const string Field = "config_type";

    /// <summary>Gets the problem as a field violation.</summary>
    public IReadOnlyList<PipelineProblem> Problems => [new PipelineProblem(Field, Message)];
}
