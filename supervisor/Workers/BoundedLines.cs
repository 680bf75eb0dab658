using System.Buffers;
using System.Text;
using CliWrap;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Splits a child's output into lines without ever buffering more than
/// <see cref="MaxLineBytes"/> of one: what a worker or build prints is untrusted, and an endless
/// line must not grow the supervisor's memory. The rest of an overlong line is dropped and the
/// line is passed on marked as cut. Lines go on as text, or as their bytes to a reader that
/// keeps only some of them and need not pay for decoding the rest.
/// </summary>
internal static class BoundedLines
{
    public const int MaxLineBytes = 8 * 1024;

    /// <summary>What marks a cut line's text.</summary>
    public static readonly string CutSuffix = " …(line cut at " + MaxLineBytes + " bytes)";

    /// <summary><see cref="CutSuffix"/> in UTF-8.</summary>
    public static ReadOnlySpan<byte> CutSuffixBytes => CutSuffixUtf8;

    private static readonly byte[] CutSuffixUtf8 = Encoding.UTF8.GetBytes(CutSuffix);

    /// <param name="onLine">Called with each line's text.</param>
    /// <param name="pace">Called with the bytes of each read before the next one; its wait slows the reader (and so the writer). Default none.</param>
    public static PipeTarget Target(Action<string> onLine, Func<int, CancellationToken, ValueTask>? pace = null) =>
        RawTarget(Decoding(onLine), pace);

    /// <param name="onLine">Called with each line's bytes (valid during the call only) and whether it was cut.</param>
    /// <param name="pace">As for <see cref="Target"/>.</param>
    public static PipeTarget RawTarget(ReadOnlySpanAction<byte, bool> onLine, Func<int, CancellationToken, ValueTask>? pace = null) =>
        PipeTarget.Create(async (stream, cancellationToken) => await ReadRawAsync(stream, onLine, cancellationToken, pace));

    public static Task ReadAsync(
        Stream stream, Action<string> onLine, CancellationToken cancellationToken, Func<int, CancellationToken, ValueTask>? pace = null) =>
        ReadRawAsync(stream, Decoding(onLine), cancellationToken, pace);

    public static async Task ReadRawAsync(
        Stream stream, ReadOnlySpanAction<byte, bool> onLine, CancellationToken cancellationToken, Func<int, CancellationToken, ValueTask>? pace = null)
    {
        var buffer = new byte[16 * 1024];
        var line = new byte[MaxLineBytes];
        var length = 0;
        var cut = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // A vectorised search for each newline, not a loop over every byte: a flooding
            // child costs the supervisor as little CPU as its pipe allows.
            var rest = buffer.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf((byte)'\n');
                var piece = newline < 0 ? rest : rest[..newline];
                var kept = Math.Min(piece.Length, MaxLineBytes - length);
                piece[..kept].CopyTo(line.AsSpan(length));
                length += kept;
                cut |= kept < piece.Length;
                if (newline < 0)
                {
                    break;
                }

                Emit(line, length, cut, onLine);
                length = 0;
                cut = false;
                rest = rest[(newline + 1)..];
            }

            if (pace is not null)
            {
                await pace(read, cancellationToken);
            }
        }

        if (length > 0 || cut)
        {
            Emit(line, length, cut, onLine);
        }
    }

    /// <summary>A line's text as <see cref="Target"/> hands it on: UTF-8, marked when cut.</summary>
    public static string Decode(ReadOnlySpan<byte> line, bool cut)
    {
        var text = Encoding.UTF8.GetString(line);
        return cut ? text + CutSuffix : text;
    }

    private static ReadOnlySpanAction<byte, bool> Decoding(Action<string> onLine) => (line, cut) => onLine(Decode(line, cut));

    private static void Emit(byte[] line, int length, bool cut, ReadOnlySpanAction<byte, bool> onLine)
    {
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        onLine(line.AsSpan(0, length), cut);
    }
}
