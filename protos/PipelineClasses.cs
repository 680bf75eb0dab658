namespace Cuvis.Sandbox.Protos;

/// <summary>A session's node classes as the pipeline document's schema states them.</summary>
/// <param name="Described">The classes whose params the schema constrains.</param>
/// <param name="OtherNames">
/// The names of the session's other classes, which take free params (their parameters could not
/// be described); <see langword="null"/> when not every class's names could be listed, so
/// <c>class</c> takes any name.
/// </param>
/// <param name="Unchecked">What the schema leaves unchecked, and why, one sentence each, for its reader.</param>
public sealed record PipelineClasses(IReadOnlyList<NodeClassParams> Described, IReadOnlyList<string>? OtherNames, IReadOnlyList<string> Unchecked);
