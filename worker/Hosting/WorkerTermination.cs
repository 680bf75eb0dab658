using System.Runtime.InteropServices;
using System.Text;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// The worker's link to its supervisor and its ways out. The supervisor writes the worker's
/// secret as the first line of stdin and keeps the pipe open for the worker's life; the worker
/// leaves when that pipe reaches end-of-file (the supervisor is gone, however many sandbox
/// layers sit between them), when its parent dies (parent-death signal), or on SIGTERM. Each
/// way removes the socket and scratch files and ends the process without waiting for anything
/// a plugin could block.
/// </summary>
internal sealed class WorkerTermination : IDisposable
{
    private const int Sigterm = 15;
    private const int MaxTokenBytes = 256;

    private readonly WorkerArguments _arguments;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Stream _stdin = Console.OpenStandardInput();
    private int _terminating;

    public WorkerTermination(WorkerArguments arguments) => _arguments = arguments;

    /// <summary>
    /// Reads the secret line from stdin. Returns null when stdin ends first: the supervisor died
    /// before the worker got going, so there is no one to serve.
    /// </summary>
    public string? ReadToken()
    {
        var token = new StringBuilder();
        var one = new byte[1];
        while (token.Length <= MaxTokenBytes)
        {
            if (_stdin.Read(one, 0, 1) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return token.Length == 0 ? null : token.ToString();
            }

            token.Append((char)one[0]);
        }

        return null;
    }

    /// <summary>Arms the parent-death signal, the signal handlers and the stdin end-of-file watch.</summary>
    public void Arm()
    {
        // SIGTERM rather than SIGKILL so the handler below still removes the socket and scratch
        // files. The stdin watch covers the race where the parent died before prctl ran.
        NativeMethods.TrySetParentDeathSignal(Sigterm);
        if (!OperatingSystem.IsWindows())
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Terminate(143);
            }));

            // Ctrl-C in a terminal reaches the whole process group; the supervisor decides when
            // its workers stop, so the worker ignores it.
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true));
        }

        var stdinWatch = new Thread(WatchStandardInput) { IsBackground = true, Name = "stdin-eof-watch" };
        stdinWatch.Start();
    }

    /// <summary>Removes what the worker owns on disk: its socket and scratch files. Safe to call more than once.</summary>
    public void RemoveOwnFiles()
    {
        try
        {
            if (_arguments.Endpoint.StartsWith("unix:", StringComparison.Ordinal))
            {
                File.Delete(_arguments.Endpoint["unix:".Length..]);
            }

            foreach (var entry in new DirectoryInfo(_arguments.ScratchDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory && entry.LinkTarget is null)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        catch (IOException)
        {
            // The supervisor removes the session's directories after the worker exits in any case.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Terminate(int exitCode)
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 1)
        {
            return;
        }

        RemoveOwnFiles();
        NativeMethods.Exit(exitCode);
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }

    private void WatchStandardInput()
    {
        try
        {
            var buffer = new byte[256];
            while (_stdin.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        Terminate(0);
    }
}
