namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// One problem of a request, and the field it is about: what becomes one
/// <c>google.rpc.BadRequest.FieldViolation</c> beside the status message.
/// </summary>
/// <param name="Field">The path of the field at fault, as <see cref="ProblemFields"/> spells it.</param>
/// <param name="Description">The problem as a sentence, exactly as the status message lists it.</param>
internal readonly record struct PipelineProblem(string Field, string Description);
