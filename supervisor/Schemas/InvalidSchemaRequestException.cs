namespace Cuvis.Sandbox.Supervisor.Schemas;

/// <summary>A GetParameterSchema the supervisor answers itself and cannot: INVALID_ARGUMENT, naming the field at fault.</summary>
/// <param name="message">What is wrong and what to ask instead.</param>
/// <param name="field"><c>config_type</c>, or <c>session_id</c> when a node class is asked for without a session.</param>
internal sealed class InvalidSchemaRequestException(string message, string field) : SandboxException(message)
{
    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, message)];
}
