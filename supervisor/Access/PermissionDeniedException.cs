namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>The caller is authenticated but may not do this (PERMISSION_DENIED).</summary>
internal sealed class PermissionDeniedException(string message) : SandboxException(message)
{
    public static PermissionDeniedException NotAdmin(Caller caller, string what) =>
        new($"Principal '{caller.Principal}' may not {what}: it needs Auth:Principals:{caller.Principal}:Admin=true.");
}
