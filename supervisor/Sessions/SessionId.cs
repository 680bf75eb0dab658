using System.Security.Cryptography;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>A session's id: a random (version 4) UUID drawn from a cryptographic generator.</summary>
internal readonly record struct SessionId(string Value)
{
    /// <summary>Longest id text an error message repeats; a client may send megabytes as an id.</summary>
    private const int MaxShownLength = 64;

    public static SessionId New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores this group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new SessionId(new Guid(bytes).ToString("D"));
    }

    /// <summary>True when <paramref name="text"/> has the form of the ids this server issues (lower-case hex, dashed).</summary>
    public static bool IsWellFormed(string text) =>
        text.Length == 36 && Guid.TryParseExact(text, "D", out var guid) && guid.ToString("D") == text;

    /// <summary>
    /// A client-sent id as an error message or a log line may repeat it: an id of this server's form
    /// as it is; anything else cut to <see cref="MaxShownLength"/> characters, control characters
    /// shown as '?', so that neither the answer's status header nor a log line is the client's to fill.
    /// </summary>
    public static string ForDisplay(string text)
    {
        if (IsWellFormed(text))
        {
            return text;
        }

        var shown = new string([.. text.Take(MaxShownLength).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > MaxShownLength ? $"'{shown}...' ({text.Length:N0} characters)" : $"'{shown}'";
    }

    public override string ToString() => Value;
}
