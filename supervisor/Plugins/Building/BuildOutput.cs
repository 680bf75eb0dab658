using System.Text;
using CliWrap;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// A build's combined output, kept up to a size cap: a hostile build may print gigabytes. Its
/// beginning and its end are kept, half the cap each (restore problems come first, MSBuild's
/// errors and summary last), and the middle is dropped with a note saying how much; so a flood
/// printed before the error cannot push the error out of the message. Lines are kept as bytes
/// and decoded once, when the text is asked for: dropping a line costs no more than copying it.
/// </summary>
internal sealed class BuildOutput(int limitBytes)
{
    private readonly byte[] _head = new byte[limitBytes / 2];

    // The end: whole lines, each ending in '\n', in a ring that starts at _tailStart.
    private readonly byte[] _tail = new byte[limitBytes - (limitBytes / 2)];
    private readonly Lock _gate = new();
    private int _headLength;
    private bool _headFull;
    private int _tailStart;
    private int _tailLength;
    private long _dropped;

    public PipeTarget Target => BoundedLines.RawTarget(Add);

    /// <summary>Bytes dropped from the middle so far.</summary>
    public long DroppedBytes
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    public void Add(string line) => Add(Encoding.UTF8.GetBytes(line), cut: false);

    /// <summary>Adds one line's bytes (without its newline), marked as cut when <paramref name="cut"/>.</summary>
    public void Add(ReadOnlySpan<byte> line, bool cut)
    {
        var suffix = cut ? BoundedLines.CutSuffixBytes : [];
        var size = line.Length + suffix.Length + 1;
        lock (_gate)
        {
            if (!_headFull && _headLength + size <= _head.Length)
            {
                line.CopyTo(_head.AsSpan(_headLength));
                suffix.CopyTo(_head.AsSpan(_headLength + line.Length));
                _head[_headLength + size - 1] = (byte)'\n';
                _headLength += size;
                return;
            }

            _headFull = true;
            if (size > _tail.Length)
            {
                _dropped += size;
                return;
            }

            while (_tail.Length - _tailLength < size)
            {
                DropFirstTailLine();
            }

            var end = (_tailStart + _tailLength) % _tail.Length;
            end = WriteTail(line, end);
            end = WriteTail(suffix, end);
            WriteTail("\n"u8, end);
            _tailLength += size;
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = new StringBuilder(Encoding.UTF8.GetString(_head, 0, _headLength));
            if (_dropped > 0)
            {
                text.Append(Note(_dropped)).Append('\n');
            }

            var tail = new byte[_tailLength];
            var first = Math.Min(_tailLength, _tail.Length - _tailStart);
            _tail.AsSpan(_tailStart, first).CopyTo(tail);
            _tail.AsSpan(0, _tailLength - first).CopyTo(tail.AsSpan(first));
            return text.Append(Encoding.UTF8.GetString(tail)).ToString();
        }
    }

    /// <summary>What stands where output was dropped, and in a build's error message.</summary>
    public static string Note(long droppedBytes) =>
        $"(build output cut: {droppedBytes} bytes dropped from the middle; Containment:BuildOutputLimitBytes)";

    // Under _gate. Writes at the ring position end; returns the position after.
    private int WriteTail(ReadOnlySpan<byte> bytes, int end)
    {
        var first = Math.Min(bytes.Length, _tail.Length - end);
        bytes[..first].CopyTo(_tail.AsSpan(end));
        bytes[first..].CopyTo(_tail);
        return (end + bytes.Length) % _tail.Length;
    }

    // Under _gate. The ring holds whole lines, so its first line ends at the first '\n'.
    private void DropFirstTailLine()
    {
        var first = Math.Min(_tailLength, _tail.Length - _tailStart);
        var newline = _tail.AsSpan(_tailStart, first).IndexOf((byte)'\n');
        var size = newline >= 0 ? newline + 1 : first + _tail.AsSpan(0, _tailLength - first).IndexOf((byte)'\n') + 1;
        _tailStart = (_tailStart + size) % _tail.Length;
        _tailLength -= size;
        _dropped += size;
    }
}
