using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>Session limits (configuration section <c>Sessions</c>).</summary>
internal sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Most sessions (and so worker processes) alive at once. Default 16.</summary>
    [Range(1, 10_000)]
    public int MaxSessions { get; set; } = 16;
}
