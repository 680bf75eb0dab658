using System.Globalization;
using Cuvis.Sandbox.Supervisor.Containment;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>The variables every worker gets, contained or not; nothing else of the supervisor's environment reaches it.</summary>
internal static class WorkerEnvironment
{
    public static Dictionary<string, string> Create(WorkerOptions workers, ContainmentOptions containment, string scratch)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = scratch,
            ["TMPDIR"] = scratch,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_gcServer"] = "0",
            // The heap cap sits below the cgroup's memory limit: a plugin that allocates too much
            // gets an OutOfMemoryException instead of the kernel's OOM kill.
            ["DOTNET_GCHeapHardLimit"] = "0x" + containment.HeapLimitBytes.ToString("x", CultureInfo.InvariantCulture),
            // No diagnostics socket in TMPDIR through which another process could attach.
            ["DOTNET_EnableDiagnostics"] = "0",
            // W^X guards a process whose code is trusted against memory bugs turned into code; a
            // worker runs its plugins' code by design, so it guards nothing here, and mapping every
            // JIT'd page twice cost ~10 % of a cold start (measured: 615-632 ms against 689-693 ms).
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        foreach (var (name, value) in workers.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The worker's own arguments; every path as the worker sees it.</summary>
    public static List<string> Arguments(string endpoint, string scratch, int maxMessageBytes, WorkerOptions workers) =>
    [
        "--endpoint", endpoint,
        "--scratch-dir", scratch,
        "--protocol", Protos.WorkerProtocol.Version.ToString(CultureInfo.InvariantCulture),
        "--max-message-bytes", maxMessageBytes.ToString(CultureInfo.InvariantCulture),
        "--release-memory-after-bytes", workers.ReleaseMemoryAfterBytes.ToString(CultureInfo.InvariantCulture),
        "--release-memory-quiet-ms", ((long)Math.Ceiling(workers.ReleaseMemoryQuietPeriod.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
    ];
}
