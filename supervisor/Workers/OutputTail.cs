namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>The last lines a worker wrote to one stream, kept for error messages.</summary>
internal sealed class OutputTail(int capacity)
{
    private const int MaxLineLength = 2_000;

    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        if (line.Length > MaxLineLength)
        {
            line = string.Concat(line.AsSpan(0, MaxLineLength), "…");
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>The tail as an indented block, or a note that the stream was empty.</summary>
    public string Format()
    {
        var lines = Snapshot();
        return lines.Count == 0 ? "  (nothing)" : string.Join('\n', lines.Select(line => "  " + line));
    }
}
