using System.Text;

namespace Cuvis.Sandbox.Protos;

/// <summary>
/// Sizes of gRPC status messages as they travel: <c>grpc-message</c> is percent-encoded UTF-8
/// (printable ASCII but '%' as is, every other byte as %XX), and every client caps the metadata
/// it accepts, so both ends cut long messages to fit before sending them.
/// </summary>
public static class StatusMessages
{
    /// <summary>Most bytes of a status message the worker sends the supervisor (whose channel takes 64 KiB of metadata).</summary>
    public const int MaxWorkerMessageBytes = 16 * 1024;

    /// <summary>The bytes <paramref name="text"/> takes in <c>grpc-message</c>.</summary>
    public static int EncodedLength(string text)
    {
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            length += EncodedLength(rune);
        }

        return length;
    }

    /// <summary>
    /// <paramref name="message"/>, or as much of it as fits in <paramref name="maxEncodedBytes"/> with a
    /// note that it was cut; cut at a line break when one is in its second half, so a list of
    /// problems is cut between problems.
    /// </summary>
    public static string Fit(string message, int maxEncodedBytes)
    {
        if (EncodedLength(message) <= maxEncodedBytes)
        {
            return message;
        }

        var note = $"\n... (cut here: the whole message is {message.Length} characters, more than gRPC clients accept in a status)";
        var budget = maxEncodedBytes - EncodedLength(note);
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in message.EnumerateRunes())
        {
            var cost = EncodedLength(rune);
            if (used + cost > budget)
            {
                break;
            }

            kept.Append(rune.ToString());
            used += cost;
        }

        var text = kept.ToString();
        var line = text.LastIndexOf('\n');
        return (line > text.Length / 2 ? text[..line] : text) + note;
    }

    private static int EncodedLength(Rune rune) =>
        rune.Value is >= 0x20 and <= 0x7E && rune.Value != '%' ? 1 : 3 * rune.Utf8SequenceLength;
}
