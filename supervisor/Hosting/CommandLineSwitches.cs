namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// Short command-line flags for the settings people change most. Every other setting is
/// reachable as <c>--Section:Key=value</c>, or as the environment variable <c>CUVIS_Section__Key</c>.
/// </summary>
internal static class CommandLineSwitches
{
    public static readonly Dictionary<string, string> Map = new(StringComparer.Ordinal)
    {
        ["--port"] = "Server:Port",
        ["--bind"] = "Server:BindAddress",
        ["--max-message-bytes"] = "Server:MaxMessageBytes",
        ["--max-in-flight-bytes"] = "Server:MaxInFlightRequestBytes",
        ["--max-sessions"] = "Sessions:MaxSessions",
        ["--runtime-dir"] = "Workers:RuntimeDirectory",
        ["--worker-start-timeout"] = "Workers:StartTimeout",
        ["--call-timeout"] = "Workers:CallTimeout",
        ["--profile"] = "Containment:Profile",
        ["--log-format"] = LoggingExtensions.FormatKey,
    };
}
