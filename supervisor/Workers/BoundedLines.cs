using System.Text;
using CliWrap;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Splits a child's output into lines without ever buffering more than
/// <see cref="MaxLineBytes"/> of one: what a worker or build prints is untrusted, and an endless
/// line must not grow the supervisor's memory. The rest of an overlong line is dropped and the
/// line is passed on marked as cut.
/// </summary>
internal static class BoundedLines
{
    public const int MaxLineBytes = 8 * 1024;

    /// <param name="onLine">Called with each line.</param>
    /// <param name="pace">Called with the bytes of each read before the next one; its wait slows the reader (and so the writer). Default none.</param>
    public static PipeTarget Target(Action<string> onLine, Func<int, CancellationToken, ValueTask>? pace = null) =>
        PipeTarget.Create(async (stream, cancellationToken) => await ReadAsync(stream, onLine, cancellationToken, pace));

    public static async Task ReadAsync(
        Stream stream, Action<string> onLine, CancellationToken cancellationToken, Func<int, CancellationToken, ValueTask>? pace = null)
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

    private static void Emit(byte[] line, int length, bool cut, Action<string> onLine)
    {
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        var text = Encoding.UTF8.GetString(line, 0, length);
        onLine(cut ? text + " …(line cut at " + MaxLineBytes + " bytes)" : text);
    }
}
