namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>How much of the host plugin code may reach (<c>Containment:Profile</c>).</summary>
internal enum ContainmentProfile
{
    /// <summary>
    /// Every worker and plugin build runs in a namespace sandbox, with every other layer the
    /// host offers. Fails closed: without a working sandbox no session is created.
    /// </summary>
    Strict,

    /// <summary>Plain child processes with a scrubbed environment. For development only: a plugin can do anything the server can.</summary>
    None,
}
