namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>One principal: how it authenticates and what it may do (<c>Auth:Principals:&lt;name&gt;</c>).</summary>
internal sealed class PrincipalOptions
{
    /// <summary>Bearer tokens (API keys) that authenticate as this principal: <c>authorization: Bearer &lt;token&gt;</c>.</summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>
    /// Client certificate subjects that authenticate as this principal, as .NET writes them
    /// (<c>CN=alice, O=Lab</c>); the certificate must also chain to <c>Server:Tls:ClientCaPath</c>.
    /// </summary>
    public List<string> CertificateSubjects { get; set; } = [];

    /// <summary>May clear the plugin cache (ClearPluginCache), which every session shares.</summary>
    public bool Admin { get; set; }

    /// <summary>Most sessions this principal holds at once; 0 (default): only <c>Sessions:MaxSessions</c> limits it.</summary>
    public int MaxSessions { get; set; }
}
