namespace Cuvis.Sandbox.Supervisor;

/// <summary>
/// One problem with one field of a request: where it is (<paramref name="Field"/>, a path such as
/// <c>manifest.config_bytes</c> or, inside a pipeline document, <c>nodes[2].params.threshold</c>) and
/// what is wrong with it. Clients receive these as <c>google.rpc.BadRequest</c> field violations.
/// </summary>
internal sealed record FieldProblem(string Field, string Description);
