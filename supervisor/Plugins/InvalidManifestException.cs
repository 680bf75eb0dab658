namespace Cuvis.Sandbox.Supervisor.Plugins;

/// <summary>The manifest as a whole cannot be read; nothing in it is loaded.</summary>
internal sealed class InvalidManifestException(string problem)
    : SandboxException(
        $"Invalid plugin manifest: {problem}. Expected UTF-8 JSON like "
        + "{\"plugins\": {\"name\": {\"provides\": [\"Ns.Node\"], \"repo\": \"https://...\", \"ref\": \"v1.0\"}}} "
        + "or with \"path\": \"/abs/dir\" instead of repo and ref.");
