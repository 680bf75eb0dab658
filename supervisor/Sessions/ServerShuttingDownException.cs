namespace Cuvis.Sandbox.Supervisor.Sessions;

internal sealed class ServerShuttingDownException()
    : SandboxException("The server is shutting down and accepts no new sessions; retry against a running server.");
