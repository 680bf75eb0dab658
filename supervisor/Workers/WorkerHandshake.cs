using System.Globalization;
using Cuvis.Sandbox.Protos;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>The ready line a worker prints on stdout once it listens (<see cref="WorkerProtocol.FormatReadyLine"/>).</summary>
internal sealed record WorkerHandshake(int ProtocolVersion, int ProcessId, string Endpoint)
{
    public static bool IsHandshakeLine(string line) =>
        line.StartsWith(WorkerProtocol.ReadyPrefix + " ", StringComparison.Ordinal);

    /// <summary>Parses a ready line; returns null when it is malformed.</summary>
    public static WorkerHandshake? Parse(string line)
    {
        if (!IsHandshakeLine(line))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in line[(WorkerProtocol.ReadyPrefix.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[token[..equals]] = token[(equals + 1)..];
            }
        }

        return fields.TryGetValue("protocol", out var protocol)
            && int.TryParse(protocol, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && fields.TryGetValue("pid", out var pidText)
            && int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && fields.TryGetValue("endpoint", out var endpoint)
                ? new WorkerHandshake(version, pid, endpoint)
                : null;
    }
}
