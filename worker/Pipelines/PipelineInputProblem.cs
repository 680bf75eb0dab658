namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>One reason a run was refused, and the request fields it is about.</summary>
/// <param name="Description">The sentence the status message gives.</param>
/// <param name="Fields">
/// The fields at fault (<see cref="ProblemFields"/>): one, or for the sentence listing missing
/// inputs, each missing input's.
/// </param>
internal sealed record PipelineInputProblem(string Description, IReadOnlyList<string> Fields);
