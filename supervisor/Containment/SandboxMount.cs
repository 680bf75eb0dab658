namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>A host directory or file shown inside a sandbox.</summary>
/// <param name="HostPath">The path on the host.</param>
/// <param name="SandboxPath">Where the sandbox sees it.</param>
/// <param name="Writable">False (the default) binds it read-only.</param>
internal sealed record SandboxMount(string HostPath, string SandboxPath, bool Writable = false)
{
    /// <summary>A read-only bind at the same path inside as outside (binaries, SDKs).</summary>
    public static SandboxMount ReadOnly(string path) => new(path, path);
}
