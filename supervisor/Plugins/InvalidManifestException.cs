namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>The manifest as a whole cannot be read; nothing in it is loaded.</summary>
/// <param name="problem">What is wrong, as a clause ("it is not valid JSON (...)").</param>
/// <param name="field">
/// Where: <c>manifest.config_bytes</c> for the document as a whole, else the manifest key at fault
/// (<c>plugins</c>, <c>plugins.&lt;name&gt;</c>, or an unknown top-level key).
/// </param>
internal sealed class InvalidManifestException(string problem, string field = InvalidManifestException.Document)
    : SandboxException(
        $"Invalid plugin manifest: {problem}. Expected UTF-8 JSON like "
        + "{\"plugins\": {\"name\": {\"provides\": [\"Ns.Node\"], \"repo\": \"https://...\", \"ref\": \"v1.0\"}}} "
        + "or with \"path\": \"/abs/dir\" instead of repo and ref.")
{
    /// <summary>The request field that carries the manifest.</summary>
    public const string Document = "manifest.config_bytes";

    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, char.ToUpperInvariant(problem[0]) + problem[1..] + ".")];
}
