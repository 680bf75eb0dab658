using System.Globalization;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Text that comes from a worker (error details, plugin messages) is shaped by plugin code:
/// it is cut to a length a person reads and a log line holds before the supervisor keeps it.
/// </summary>
internal static class WorkerText
{
    public const int MaxLength = 16 * 1024;

    public static string Bound(string text) =>
        text.Length <= MaxLength
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..MaxLength]}... ({text.Length - MaxLength} more characters cut)");
}
