using System.Text;
using Cuvis.Sandbox.Contracts;

namespace Hostile;

/// <summary>
/// A plugin node that does one forbidden thing per Forward call, as an attacker's plugin would:
/// the containment tests run it next to a healthy session and check from outside that the attempt
/// was stopped. Which attempt, and at what, is set by the pipeline's <c>params</c>, like the knobs
/// of CliWrap's dummy program.
/// </summary>
/// <remarks>
/// The output <c>report</c> is UTF-8 text: <c>blocked: ...</c> (the exception type and message, or
/// the errno) when the attempt failed, or <c>succeeded: ...</c> with evidence (what was read, the
/// pid reached) when it got through. Evidence is written as <c>key=value</c> so a test can parse
/// it. A blocked attempt never throws; the crash kinds end the process on purpose.
/// </remarks>
[InputPort("trigger", DType.Float32, -1, Description = "Any values: each call performs the attack once.")]
[OutputPort("report", DType.UInt8, -1, Description = "UTF-8 text starting with 'blocked:' or 'succeeded:'.")]
public sealed partial class Attack : Node
{
    private const int EvidenceLength = 200;

    private readonly string _kind;
    private readonly string _path;
    private readonly string _host;
    private readonly int _port;
    private readonly int _pid;
    private readonly int _signal;
    private readonly long _bytes;
    private readonly string _marker;
    private readonly int _count;
    private readonly int _seconds;
    private readonly int _threads;
    private readonly string _stream;
    private readonly int _lineBytes;

    /// <summary>Configures the one attack every Forward call performs.</summary>
    /// <param name="kind">
    /// The attack: <c>read-file</c>, <c>list-dir</c>, <c>write-file</c> (path); <c>read-environ</c>
    /// (pid); <c>tcp-connect</c> (host, port); <c>signal</c> (pid, signal), <c>kill-parent</c>,
    /// <c>ptrace</c> (pid); <c>whoami</c>; <c>fork-bomb</c> (marker, count, seconds);
    /// <c>allocate</c>, <c>allocate-native</c> (bytes); <c>daemon</c> (marker);
    /// <c>fill-scratch</c> (bytes); <c>crash</c>, <c>stack-overflow</c>, <c>spin</c> (seconds, threads);
    /// <c>unix-connect</c> (path, marker); <c>double-fork</c> (marker); <c>scan-proc</c>;
    /// <c>flood</c> (stream, line-bytes, seconds); <c>large-output</c> (bytes); <c>shared-memory</c>;
    /// <c>forge-frames</c>.
    /// </param>
    /// <param name="path">
    /// The file or directory to read, list or write, or the Unix socket <c>unix-connect</c> connects
    /// to (<c>@name</c>: an abstract socket). Default "": none.
    /// </param>
    /// <param name="host">The host <c>tcp-connect</c> connects to. Default 127.0.0.1.</param>
    /// <param name="port">The TCP port <c>tcp-connect</c> connects to. Default 0: none.</param>
    /// <param name="pid">
    /// The process to signal, trace or read the environment of, as the host numbers it (the
    /// supervisor, another session's worker). Default 0: none.
    /// </param>
    /// <param name="signal">The signal number <c>signal</c> sends. Default 9 (SIGKILL).</param>
    /// <param name="bytes">
    /// How much <c>allocate</c>, <c>allocate-native</c> and <c>fill-scratch</c> take at most before
    /// they stop on their own, and how large an output <c>large-output</c> returns. Default 1 GiB.
    /// </param>
    /// <param name="marker">
    /// A text put in the command line of every process <c>daemon</c>, <c>double-fork</c> and
    /// <c>fork-bomb</c> start, so a test finds them from outside (and cleans them up), and sent
    /// over every connection made. Default <c>cuvis-hostile</c>.
    /// </param>
    /// <param name="count">How many processes <c>fork-bomb</c> starts at most. Default 100000.</param>
    /// <param name="seconds">How long <c>fork-bomb</c> keeps trying, <c>spin</c> spins and <c>flood</c> floods. Default 20.</param>
    /// <param name="threads">How many threads <c>spin</c> keeps busy. Default 1.</param>
    /// <param name="stream">What <c>flood</c> writes to: <c>stdout</c> or <c>stderr</c>. Default stdout.</param>
    /// <param name="lineBytes">
    /// How long each line <c>flood</c> writes is, newline included; 0: one endless line without a
    /// newline. Default 100.
    /// </param>
    public Attack(
        string kind,
        string path = "",
        string host = "127.0.0.1",
        int port = 0,
        int pid = 0,
        int signal = 9,
        long bytes = 1L << 30,
        string marker = "cuvis-hostile",
        int count = 100_000,
        int seconds = 20,
        int threads = 1,
        string stream = "stdout",
        int lineBytes = 100)
    {
        _kind = kind;
        _path = path;
        _host = host;
        _port = port;
        _pid = pid;
        _signal = signal;
        _bytes = bytes;
        _marker = marker;
        _count = count;
        _seconds = seconds;
        _threads = threads;
        _stream = stream;
        _lineBytes = lineBytes;
    }

    /// <summary>Performs the attack once and returns its outcome on the <c>report</c> port.</summary>
    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        inputs.Required("trigger");
        if (_kind == "large-output")
        {
            var output = LargeOutput();
            return new NodeOutputs().Set("report", Tensor.FromArray(output, output.Length));
        }

        var report = _kind switch
        {
            "read-file" => ReadFile(),
            "list-dir" => ListDirectory(),
            "write-file" => WriteFile(),
            "read-environ" => ReadEnvironment(),
            "fill-scratch" => FillScratch(),
            "tcp-connect" => TcpConnect(),
            "signal" => Signal(),
            "kill-parent" => KillParent(),
            "ptrace" => Ptrace(),
            "whoami" => WhoAmI(),
            "fork-bomb" => ForkBomb(),
            "daemon" => Daemon(),
            "allocate" => Allocate(),
            "allocate-native" => AllocateNative(),
            "crash" => Crash(),
            "stack-overflow" => StackOverflow(),
            "spin" => Spin(),
            "unix-connect" => UnixConnect(),
            "double-fork" => DoubleFork(),
            "scan-proc" => ScanProc(),
            "shared-memory" => SharedMemory(),
            "forge-frames" => ForgeFrames(),
            "flood" => Flood(),
            _ => throw new ArgumentException($"Unknown attack kind '{_kind}'; see the Attack constructor's documentation."),
        };

        var utf8 = Encoding.UTF8.GetBytes(report);
        return new NodeOutputs().Set("report", Tensor.FromArray(utf8, utf8.Length));
    }

    private static string Blocked(Exception exception, string evidence = "") =>
        $"blocked: {exception.GetType().Name}: {exception.Message}{(evidence.Length > 0 ? " " + evidence : "")}";

    private static string Blocked(string call, int errno, string evidence = "") =>
        $"blocked: {call} failed with {Libc.Describe(errno)}{(evidence.Length > 0 ? " " + evidence : "")}";

    /// <summary>The first characters of <paramref name="text"/> on one line, NULs shown as spaces.</summary>
    private static string Head(string text)
    {
        var head = text.Length > EvidenceLength ? text[..EvidenceLength] : text;
        return head.Replace('\0', ' ').Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private int RequirePid() =>
        _pid > 0 ? _pid : throw new ArgumentException($"Attack kind '{_kind}' needs a pid param.");

    private string RequirePath() =>
        _path.Length > 0 ? _path : throw new ArgumentException($"Attack kind '{_kind}' needs a path param.");
}
