using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Profile <c>strict</c>: the worker runs in a sandbox of its own. Inside, it sees a minimal
/// read-only root (/usr, the .NET runtime), its own binaries at <c>/sandbox/app</c>, its staged plugins read-only at
/// <c>/sandbox/plugins</c>, its socket directory at <c>/sandbox/run</c> and a size-limited
/// scratch tmpfs at <c>/sandbox/scratch</c>, and nothing else of the host.
/// </summary>
internal sealed class SandboxedWorkerLauncher(SandboxFactory sandboxes, IOptions<WorkerOptions> workers) : IWorkerLauncher
{
    private const string Run = "/sandbox/run";
    private const string Plugins = "/sandbox/plugins";
    private const string Scratch = "/sandbox/scratch";
    private const string App = "/sandbox/app";

    public async Task<WorkerLaunch> PrepareAsync(WorkerLaunchSpec spec)
    {
        Directory.CreateDirectory(spec.SocketDirectory);
        var containment = sandboxes.Options;
        var endpoint = "unix:" + Run + "/" + WorkerEndpoint.SocketFileName;
        var (fileName, arguments) = WorkerExecutable.Resolve(workers.Value);
        var mounts = new List<SandboxMount>
        {
            new(spec.SocketDirectory, Run, Writable: true),
            new(spec.PluginDirectory, Plugins),
        };

        // The worker's own binaries (or a Workers:Command program) appear read-only under /sandbox.
        var environment = WorkerEnvironment.Create(workers.Value, containment, Scratch);
        environment["PATH"] = "/usr/bin:/bin";
        if (DotnetInstallation.RootOf(fileName) is { } root)
        {
            environment["DOTNET_ROOT"] = root;
            if (!DotnetInstallation.IsUnderUsr(root))
            {
                mounts.Add(SandboxMount.ReadOnly(root));
            }

            var assembly = arguments[0];
            mounts.Add(new SandboxMount(Path.GetDirectoryName(assembly)!, App));
            arguments[0] = App + "/" + Path.GetFileName(assembly);
        }
        else if (Path.IsPathFullyQualified(fileName) && !fileName.StartsWith("/usr/", StringComparison.Ordinal))
        {
            mounts.Add(new SandboxMount(Path.GetDirectoryName(fileName)!, App));
            fileName = App + "/" + Path.GetFileName(fileName);
        }

        arguments.AddRange(WorkerEnvironment.Arguments(endpoint, Scratch, spec.MaxMessageBytes, workers.Value));
        var sandbox = await sandboxes.CreateAsync(new SandboxSpec
        {
            Role = "worker",
            Command = [fileName, .. arguments],
            Environment = environment,
            WorkingDirectory = Scratch,
            Mounts = mounts,
            ScratchPath = Scratch,
            ScratchSizeBytes = containment.ScratchSizeBytes,
            Network = containment.Network,
            Limits = new CgroupLimits(containment.MemoryLimitBytes, containment.CpuLimit, containment.PidsMax),
            OwnedDirectories = [spec.SocketDirectory],
        }, spec.WorkerDirectory);
        return new WorkerLaunch(sandbox, spec.HostEndpoint, endpoint, Plugins, spec);
    }
}
