using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>Session limits, idle expiry and crash recovery (configuration section <c>Sessions</c>).</summary>
internal sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Most sessions (and so worker processes) alive at once. Default 16.</summary>
    [Range(1, 10_000)]
    public int MaxSessions { get; set; } = 16;

    /// <summary>
    /// A session without a call for this long is closed and its worker reclaimed; a later call
    /// gets NOT_FOUND saying it expired. A call in flight keeps its session alive. Default 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Restarts of a session's worker allowed within <see cref="RestartWindow"/>, counting every
    /// crash and every failed replay. The crash after them marks the session failed. Default 3;
    /// 0 turns recovery off.
    /// </summary>
    [Range(0, 1000)]
    public int MaxRestarts { get; set; } = 3;

    /// <summary>The sliding window <see cref="MaxRestarts"/> counts in. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RestartWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The first restart after a crash is immediate; each further restart within the window waits
    /// this long, doubled every time, up to <see cref="MaxRestartBackoff"/>. Default 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a restart. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
