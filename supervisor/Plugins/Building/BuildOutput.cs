using System.Text;
using CliWrap;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// A build's combined output, kept up to a size cap: a hostile build may print gigabytes, and
/// only the beginning (where errors are) and the fact that more was dropped are worth keeping.
/// </summary>
internal sealed class BuildOutput(int limitBytes)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private long _dropped;

    public PipeTarget Target => BoundedLines.Target(Add);

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_text.Length + line.Length + 1 <= limitBytes)
            {
                _text.Append(line).Append('\n');
            }
            else
            {
                _dropped += line.Length + 1;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _dropped == 0 ? _text.ToString() : $"{_text}(build output cut: {_dropped} more bytes dropped)\n";
        }
    }
}
