using System.Text;
using CliWrap;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// A build's combined output, kept up to a size cap: a hostile build may print gigabytes. Its
/// beginning and its end are kept, half the cap each (restore problems come first, MSBuild's
/// errors and summary last), and the middle is dropped with a note saying how much; so a flood
/// printed before the error cannot push the error out of the message.
/// </summary>
internal sealed class BuildOutput(int limitBytes)
{
    private readonly StringBuilder _head = new();
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private long _tailLength;
    private long _dropped;

    public PipeTarget Target => BoundedLines.Target(Add);

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

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_tail.Count == 0 && _head.Length + line.Length + 1 <= limitBytes / 2)
            {
                _head.Append(line).Append('\n');
                return;
            }

            _tail.Enqueue(line);
            _tailLength += line.Length + 1;
            while (_tailLength > limitBytes - (limitBytes / 2))
            {
                var dropped = _tail.Dequeue().Length + 1;
                _tailLength -= dropped;
                _dropped += dropped;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var text = new StringBuilder().Append(_head);
            if (_dropped > 0)
            {
                text.Append(Note(_dropped)).Append('\n');
            }

            foreach (var line in _tail)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString();
        }
    }

    /// <summary>What stands where output was dropped, and in a build's error message.</summary>
    public static string Note(long droppedBytes) =>
        $"(build output cut: {droppedBytes} bytes dropped from the middle; Containment:BuildOutputLimitBytes)";
}
