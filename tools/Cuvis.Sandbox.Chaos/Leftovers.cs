using System.Globalization;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// What a supervisor's workers left on the machine, counted from outside: processes, worker
/// sockets, worker and session directories, shared-memory files, and cgroups.
/// </summary>
/// <param name="Processes">Processes naming the runtime directory (workers, their sandbox layers) or in one of the supervisor's sandbox cgroups.</param>
/// <param name="Sockets">Worker socket files under the runtime directory.</param>
/// <param name="ScratchDirectories">Worker (<c>w-</c>) and session (<c>s-</c>) directories under the runtime directory.</param>
/// <param name="SharedMemoryFiles">
/// Files in /dev/shm that were not there when the run began, and the shared-memory files
/// (memfd <c>cuvis-tensors</c>) the supervisor still holds open: each belongs to one call, so
/// after the last call none may remain.
/// </param>
/// <param name="Cgroups">The supervisor's sandbox cgroups (<c>cuvis-&lt;pid&gt;-*</c>) still present.</param>
internal sealed record Leftovers(int Processes, int Sockets, int ScratchDirectories, int SharedMemoryFiles, int Cgroups)
{
    private const string SharedMemory = "/dev/shm";
    private const string CgroupRoot = "/sys/fs/cgroup";
    private const string SharedMemoryLink = "/memfd:" + Protos.SharedMemory.SharedMemoryFile.Name;

    private static readonly EnumerationOptions Deep = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 };

    public bool IsNone => Processes + Sockets + ScratchDirectories + SharedMemoryFiles + Cgroups == 0;

    public string Describe() => $"{Processes} / {Sockets} / {ScratchDirectories} / {SharedMemoryFiles} / {Cgroups}";

    /// <summary>The files in /dev/shm now: the baseline that later counts are taken against.</summary>
    public static IReadOnlySet<string> SharedMemoryBaseline() =>
        Directory.Exists(SharedMemory) ? Directory.EnumerateFileSystemEntries(SharedMemory).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    public static Leftovers Count(string runtimeDirectory, int supervisorProcessId, IReadOnlySet<string> sharedMemoryBaseline)
    {
        var cgroupPrefix = CgroupPrefix(supervisorProcessId);
        var processes = ProcessesOf(runtimeDirectory, supervisorProcessId);
        var sockets = Directory.Exists(runtimeDirectory) ? Directory.EnumerateFiles(runtimeDirectory, "*.sock", Deep).Count() : 0;
        var scratch = Directory.Exists(runtimeDirectory)
            ? Directory.EnumerateDirectories(runtimeDirectory, "*", Deep).Count(d => Path.GetFileName(d) is ['w' or 's', '-', ..])
            : 0;
        var shm = (Directory.Exists(SharedMemory)
            ? Directory.EnumerateFileSystemEntries(SharedMemory).Count(entry => !sharedMemoryBaseline.Contains(entry))
            : 0) + HeldSharedMemoryFiles(supervisorProcessId);
        var cgroups = Directory.Exists(CgroupRoot)
            ? Directory.EnumerateDirectories(CgroupRoot, cgroupPrefix + "*", Deep).Count()
            : 0;
        return new Leftovers(processes, sockets, scratch, shm, cgroups);
    }

    /// <summary>
    /// True when <paramref name="processId"/> is one of the supervisor's sandbox processes: its
    /// command line names the runtime directory (a plain worker, a sandbox layer), or it lives in one
    /// of the supervisor's sandbox cgroups (a contained worker and everything it started).
    /// </summary>
    public static bool IsSandboxProcess(int processId, string runtimeDirectory, int supervisorProcessId)
    {
        if (processId == supervisorProcessId)
        {
            return false;
        }

        var entry = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            return File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(runtimeDirectory + "/", StringComparison.Ordinal)
                   || File.ReadAllText(Path.Combine(entry, "cgroup")).Contains($"/{CgroupPrefix(supervisorProcessId)}", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile
        }
    }

    /// <summary>The supervisor's open descriptors that are shared-memory files; 0 once it is gone.</summary>
    public static int HeldSharedMemoryFiles(int supervisorProcessId)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{supervisorProcessId.ToString(CultureInfo.InvariantCulture)}/fd")
                .Count(descriptor => LinkTarget(descriptor)?.StartsWith(SharedMemoryLink, StringComparison.Ordinal) == true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0; // the supervisor is gone
        }
    }

    private static string? LinkTarget(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed meanwhile
        }
    }

    private static string CgroupPrefix(int supervisorProcessId) => $"cuvis-{supervisorProcessId.ToString(CultureInfo.InvariantCulture)}-";

    private static int ProcessesOf(string runtimeDirectory, int supervisorProcessId) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Count(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                           && IsSandboxProcess(pid, runtimeDirectory, supervisorProcessId));
}
