using System.Globalization;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// What the supervisor tells a worker on its command line. A worker reads no configuration file
/// and no environment variable of ours: everything it needs arrives here.
/// </summary>
/// <param name="SessionId">The one session this worker serves.</param>
/// <param name="Endpoint">Where to listen: <c>unix:/abs/path.sock</c> or <c>pipe:name</c>.</param>
/// <param name="SessionDirectory">Private directory (0700) this worker owns and removes on exit.</param>
/// <param name="ProtocolVersion">The protocol version the supervisor speaks.</param>
/// <param name="ParentProcessId">The supervisor's pid; when set, the worker dies with it.</param>
/// <param name="MaxMessageBytes">Largest gRPC message accepted or sent.</param>
internal sealed record WorkerArguments(
    string SessionId,
    string Endpoint,
    string SessionDirectory,
    int ProtocolVersion,
    int? ParentProcessId,
    int MaxMessageBytes)
{
    public const string Usage =
        "usage: Cuvis.Sandbox.Worker --session-id <id> --endpoint unix:<path>|pipe:<name> "
        + "--session-dir <dir> --protocol <n> [--parent-pid <pid>] [--max-message-bytes <n>]";

    public string ScratchDirectory => Path.Combine(SessionDirectory, "scratch");

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{name}'. {Usage}");
            }

            values[name[2..]] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new ArgumentException($"Missing --{name}. {Usage}");

        int Integer(string name, string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} must be a positive integer, got '{text}'.");

        var endpoint = Required("endpoint");
        if (!endpoint.StartsWith("unix:", StringComparison.Ordinal) && !endpoint.StartsWith("pipe:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--endpoint must start with 'unix:' or 'pipe:', got '{endpoint}'.");
        }

        var sessionDirectory = Required("session-dir");
        if (!Path.IsPathFullyQualified(sessionDirectory))
        {
            throw new ArgumentException($"--session-dir must be an absolute path, got '{sessionDirectory}'.");
        }

        return new WorkerArguments(
            SessionId: Required("session-id"),
            Endpoint: endpoint,
            SessionDirectory: sessionDirectory,
            ProtocolVersion: Integer("protocol", Required("protocol")),
            ParentProcessId: values.TryGetValue("parent-pid", out var parent) ? Integer("parent-pid", parent) : null,
            MaxMessageBytes: values.TryGetValue("max-message-bytes", out var max)
                ? Integer("max-message-bytes", max)
                : 64 * 1024 * 1024);
    }
}
