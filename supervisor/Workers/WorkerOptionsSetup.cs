using System.Text;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>Fills in the automatic defaults of <see cref="WorkerOptions"/> and checks them at start.</summary>
internal sealed class WorkerOptionsSetup : IPostConfigureOptions<WorkerOptions>, IValidateOptions<WorkerOptions>
{
    private const string WorkerAssembly = "Cuvis.Sandbox.Worker.dll";
    private const int MaxSocketPathBytes = 107;

    public void PostConfigure(string? name, WorkerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AssemblyPath))
        {
            options.AssemblyPath = FindWorkerAssembly() ?? "";
        }

        if (string.IsNullOrWhiteSpace(options.DotnetHost))
        {
            options.DotnetHost = FindDotnetHost();
        }

        if (string.IsNullOrWhiteSpace(options.RuntimeDirectory))
        {
            options.RuntimeDirectory = DefaultRuntimeDirectory();
        }

        options.RuntimeDirectory = Path.GetFullPath(options.RuntimeDirectory);
    }

    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Command) && !File.Exists(options.AssemblyPath))
        {
            failures.Add(string.IsNullOrEmpty(options.AssemblyPath)
                ? $"Cannot find {WorkerAssembly} beside the supervisor or in the build output. "
                  + "Build the solution (./run.sh does) or set Workers:AssemblyPath."
                : $"Workers:AssemblyPath '{options.AssemblyPath}' does not exist.");
        }

        if (Path.IsPathFullyQualified(options.Command) && !File.Exists(options.Command))
        {
            failures.Add($"Workers:Command '{options.Command}' does not exist.");
        }

        foreach (var (rpc, limit) in options.CallTimeouts)
        {
            if (!WorkerOptions.ForwardedRpcs.Contains(rpc, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Workers:CallTimeouts:{rpc} names no forwarded RPC; use one of {string.Join(", ", WorkerOptions.ForwardedRpcs)}.");
            }
            else if (limit <= TimeSpan.Zero || limit > TimeSpan.FromDays(1))
            {
                failures.Add($"Workers:CallTimeouts:{rpc} is {limit}; it must be more than 0 and at most 1.00:00:00.");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            // <root>/i<pid>-<6 hex>/w-<12 hex>/run/worker.sock, with a 7-digit pid at most.
            var longest = Path.Combine(options.RuntimeDirectory, "i1234567-abcdef",
                new string('w', RuntimeDirectory.WorkerDirectoryNameLength), "run", WorkerEndpoint.SocketFileName);
            var bytes = Encoding.UTF8.GetByteCount(longest);
            if (bytes > MaxSocketPathBytes)
            {
                failures.Add(
                    $"Workers:RuntimeDirectory '{options.RuntimeDirectory}' is too long: worker socket paths would "
                    + $"reach {bytes} bytes, and Unix sockets allow {MaxSocketPathBytes}. Choose a shorter directory.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? FindWorkerAssembly()
    {
        var here = AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(here, WorkerAssembly),
            Path.Combine(here, "worker", WorkerAssembly),
            // artifacts/bin/<Project>/<configuration>/ -> artifacts/bin/Cuvis.Sandbox.Worker/<configuration>/
            Path.GetFullPath(Path.Combine(here, "..", "..", "Cuvis.Sandbox.Worker",
                new DirectoryInfo(here).Name, WorkerAssembly)),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string FindDotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), executable, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, executable)))
        {
            return Path.Combine(root, executable);
        }

        return executable;
    }

    private static string DefaultRuntimeDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Path.GetTempPath(), "cuvis-sandbox");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return !string.IsNullOrEmpty(xdg) && Directory.Exists(xdg)
            ? Path.Combine(xdg, "cuvis-sandbox")
            : $"/tmp/cuvis-sandbox-{Environment.UserName}";
    }
}
