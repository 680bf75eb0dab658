namespace Cuvis.Sandbox.Client;

/// <summary>One problem with one field of a refused request, from the <c>google.rpc.BadRequest</c> the server attached to it.</summary>
/// <param name="Field">Where: a request field or a key inside a document (<c>manifest.config_bytes</c>, <c>plugins.my_plugin</c>).</param>
/// <param name="Description">What is wrong there.</param>
public sealed record FieldViolation(string Field, string Description);
