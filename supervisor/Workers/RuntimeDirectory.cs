using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// The supervisor's private directory tree: one directory per worker for its socket and scratch
/// files, <c>&lt;root&gt;/i&lt;pid&gt;-&lt;rand&gt;/w-&lt;rand&gt;/</c>, and one per session for what
/// outlives a worker (its staged plugins), <c>&lt;root&gt;/i&lt;pid&gt;-&lt;rand&gt;/s-&lt;rand&gt;/</c>;
/// every level mode 0700.
/// The instance directory holds <c>supervisor.lock</c>, locked for the supervisor's life: an
/// instance directory whose lock can be taken belongs to a supervisor that died, and is removed
/// at start together with whatever its workers left.
/// </summary>
internal sealed partial class RuntimeDirectory : IHostedService, IDisposable
{
    private const string LockFileName = "supervisor.lock";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan UnlockedGrace = TimeSpan.FromMinutes(1);

    private readonly ILogger<RuntimeDirectory> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<FileStream> _lock;

    public RuntimeDirectory(IOptions<WorkerOptions> options, TimeProvider timeProvider, ILogger<RuntimeDirectory> logger)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        Root = options.Value.RuntimeDirectory;
        InstancePath = Path.Combine(Root, $"i{Environment.ProcessId}-{RandomHex(3)}");
        _lock = new Lazy<FileStream>(CreateInstance);
    }

    public string Root { get; }

    public string InstancePath { get; }

    /// <summary>Longest worker directory name; used to check the socket path limit up front.</summary>
    public const int WorkerDirectoryNameLength = 2 + 12;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = SweepStale();
        _ = _lock.Value;
        Log.Ready(_logger, InstancePath, removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the instance directory if needed and returns its path.</summary>
    public string EnsureInstance()
    {
        _ = _lock.Value;
        return InstancePath;
    }

    /// <summary>Creates a fresh private directory for one worker process.</summary>
    public string CreateWorkerDirectory() => CreatePrivateChild("w-");

    /// <summary>Creates a fresh private directory for one session (it outlives the session's workers).</summary>
    public string CreateSessionDirectory() => CreatePrivateChild("s-");

    private string CreatePrivateChild(string prefix)
    {
        _ = _lock.Value;
        var path = Path.Combine(InstancePath, prefix + RandomHex(6));
        CreatePrivateDirectory(path);
        return path;
    }

    public void RemoveDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.RemoveFailed(_logger, path, e.Message);
        }
    }

    /// <summary>Removes instance directories of supervisors that are no longer running.</summary>
    public int SweepStale()
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var instance in Directory.EnumerateDirectories(Root, "i*"))
        {
            if (string.Equals(instance, InstancePath, StringComparison.Ordinal) || !IsStale(instance))
            {
                continue;
            }

            RemoveDirectory(instance);
            removed++;
        }

        return removed;
    }

    public void Dispose()
    {
        if (!_lock.IsValueCreated)
        {
            return;
        }

        _lock.Value.Dispose();
        RemoveDirectory(InstancePath);
    }

    private bool IsStale(string instance)
    {
        var lockPath = Path.Combine(instance, LockFileName);
        if (!File.Exists(lockPath))
        {
            // A supervisor creates its directory and then its lock; give that a moment.
            return _timeProvider.GetUtcNow() - Directory.GetCreationTimeUtc(instance) > UnlockedGrace;
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private FileStream CreateInstance()
    {
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(InstancePath);
        return new FileStream(Path.Combine(InstancePath, LockFileName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var info = new DirectoryInfo(path);
        if (info.Exists && info.LinkTarget is not null)
        {
            throw new InvalidOperationException($"Runtime directory '{path}' is a symbolic link; refusing to use it.");
        }

        Directory.CreateDirectory(path, OwnerOnly);
        // Also tighten a directory that existed before with a looser mode.
        File.SetUnixFileMode(path, OwnerOnly);
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Information, "Worker runtime directory {InstancePath} ready; removed {StaleCount} stale directories of earlier runs")]
        public static partial void Ready(ILogger logger, string instancePath, int staleCount);

        [LoggerMessage(2101, LogLevel.Warning, "Could not remove {Path}: {Reason}")]
        public static partial void RemoveFailed(ILogger logger, string path, string reason);
    }
}
