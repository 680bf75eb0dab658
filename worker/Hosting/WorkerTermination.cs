using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Worker.Hosting;

/// <summary>
/// The worker's ways out when the supervisor is gone or wants it gone at once: the supervisor's
/// death (parent-death signal), its stdin reaching end-of-file, or SIGTERM. Each removes the
/// session directory (socket and scratch files) and ends the process without waiting for
/// anything a plugin could block.
/// </summary>
internal sealed class WorkerTermination : IDisposable
{
    private const int Sigterm = 15;

    private readonly WorkerArguments _arguments;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _terminating;

    public WorkerTermination(WorkerArguments arguments) => _arguments = arguments;

    /// <summary>Arms every watch. Returns false if the supervisor is already gone.</summary>
    public bool Arm()
    {
        if (_arguments.ParentProcessId is { } parent)
        {
            // SIGTERM rather than SIGKILL so the handler below still removes the socket and
            // scratch directory. The parent check closes the race where the supervisor died
            // before prctl ran.
            NativeMethods.TrySetParentDeathSignal(Sigterm);
            if (!OperatingSystem.IsWindows() && NativeMethods.ParentProcessId() != parent)
            {
                return false;
            }
        }

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
        return true;
    }

    /// <summary>Removes what the worker owns on disk. Safe to call more than once.</summary>
    public void RemoveSessionDirectory()
    {
        try
        {
            if (Directory.Exists(_arguments.SessionDirectory))
            {
                Directory.Delete(_arguments.SessionDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // The supervisor removes the directory after the worker exits in any case.
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

        RemoveSessionDirectory();
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
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        Terminate(0);
    }
}
