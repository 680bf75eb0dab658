using System.Diagnostics;

namespace Hostile;

/// <summary>
/// Attacks on whoever reads the worker's output or answers: a flood of lines (or one endless
/// line) on stdout or stderr, and an output far larger than any message may be.
/// </summary>
public sealed partial class Attack
{
    private const int FloodChunkBytes = 64 << 10;

    /// <summary>
    /// Writes <c>line-bytes</c> long lines (0: one line that never ends) straight to the worker's
    /// own stdout or stderr, as fast as it is read, for <c>seconds</c>.
    /// </summary>
    private string Flood()
    {
        using var target = _stream switch
        {
            "stdout" => Console.OpenStandardOutput(),
            "stderr" => Console.OpenStandardError(),
            _ => throw new ArgumentException($"Attack kind 'flood' writes to stdout or stderr, not '{_stream}'."),
        };
        var chunk = FloodChunk(_lineBytes, _marker);
        var clock = Stopwatch.StartNew();
        long written = 0;
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(_seconds))
            {
                target.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException exception)
        {
            return Blocked(exception, $"bytes={written}");
        }

        var lines = _lineBytes > 0 ? written / _lineBytes : 0;
        return $"succeeded: flooded {_stream} bytes={written} lines={lines} seconds={clock.Elapsed.TotalSeconds:0.0}";
    }

    /// <summary>A chunk of whole lines of <paramref name="lineBytes"/> (newline included), or of one line's middle.</summary>
    private static byte[] FloodChunk(int lineBytes, string marker)
    {
        if (lineBytes <= 0)
        {
            return [.. Enumerable.Repeat((byte)'x', FloodChunkBytes)];
        }

        var line = new byte[lineBytes];
        Array.Fill(line, (byte)'x');
        System.Text.Encoding.ASCII.GetBytes(marker.AsSpan(0, Math.Min(marker.Length, lineBytes - 1)), line);
        line[^1] = (byte)'\n';
        var chunk = new byte[Math.Max(1, FloodChunkBytes / lineBytes) * lineBytes];
        for (var offset = 0; offset < chunk.Length; offset += lineBytes)
        {
            line.CopyTo(chunk, offset);
        }

        return chunk;
    }

    /// <summary>
    /// Returns an output of <c>bytes</c> bytes (every page touched), as a plugin that answers with
    /// more than a message may hold would. A worker that cannot even hold it reports that.
    /// </summary>
    private byte[] LargeOutput()
    {
        try
        {
            var output = new byte[_bytes];
            for (long i = 0; i < output.LongLength; i += PageBytes)
            {
                output[i] = (byte)'x';
            }

            System.Text.Encoding.ASCII.GetBytes($"succeeded: output bytes={_bytes} ", output);
            return output;
        }
        catch (Exception exception) when (exception is OutOfMemoryException or OverflowException)
        {
            return System.Text.Encoding.UTF8.GetBytes(Blocked(exception, $"bytes={_bytes}"));
        }
    }
}
