namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>The manifest as a whole cannot be read; nothing in it is loaded.</summary>
/// <param name="problem">What is wrong, as a clause ("it is not valid JSON (...)").</param>
/// <param name="field">
/// Where: <c>manifest.config_bytes</c> for the document as a whole, else the manifest key at fault
/// (<c>plugins</c>, <c>plugins.&lt;name&gt;</c>, <c>capabilities[0].class_name</c>, or an unknown key).
/// </param>
/// <param name="shape">Which manifest the request carries, so the message shows the right example.</param>
internal sealed class InvalidManifestException(string problem, string field = InvalidManifestException.Document, ManifestShape shape = ManifestShape.Plugins)
    : SandboxException($"Invalid plugin manifest: {problem}. {Expectation(shape)}")
{
    /// <summary>The request field that carries the manifest.</summary>
    public const string Document = "manifest.config_bytes";

    public override IReadOnlyList<FieldProblem> FieldProblems { get; } = [new(field, char.ToUpperInvariant(problem[0]) + problem[1..] + ".")];

    private static string Expectation(ManifestShape shape) => shape switch
    {
        ManifestShape.SinglePlugin =>
            "LoadPlugin expects one plugin as UTF-8 JSON or YAML like "
            + "{\"name\": \"my_plugin\", \"repo\": \"https://...\", \"tag\": \"v1.0\", \"capabilities\": [{\"class_name\": \"Ns.Node\"}]} "
            + "or with \"path\": \"/abs/dir\" instead of repo and tag.",
        _ =>
            "Expected UTF-8 JSON like "
            + "{\"plugins\": {\"name\": {\"provides\": [\"Ns.Node\"], \"repo\": \"https://...\", \"ref\": \"v1.0\"}}} "
            + "or with \"path\": \"/abs/dir\" instead of repo and ref.",
    };
}
