using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Plugins.Building;

/// <summary>
/// Profile <c>strict</c>: each build step runs in a sandbox of its own, with a uid of its own,
/// that sees the .NET SDK and /usr read-only and the build's directory at <c>/build</c>, where
/// only the build's own places are writable (<see cref="BuildLayout.WritableDirectories"/>).
/// No server file, no other cache entry, no credential is in sight. Restore shares the host's
/// network to reach the configured package sources; compilation has none. Whatever the build
/// leaves running dies with its sandbox.
/// </summary>
internal sealed class SandboxedBuildRunner(
    SandboxFactory sandboxes, IOptions<WorkerOptions> workers, ProcessSpawnThread spawnThread) : IPluginBuildRunner
{
    private const string Root = "/build";
    private const string Scratch = "/sandbox/scratch";
    private const long ScratchBytes = 1024L * 1024 * 1024;

    public string ViewOf(string work) => Root;

    public async Task<BuildRun> RunAsync(BuildLayout layout, IReadOnlyList<BuildStep> steps, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var options = sandboxes.Options;
        var dotnet = workers.Value.DotnetHost;
        var environment = BuildLayout.Environment(Root);
        environment["PATH"] = "/usr/bin:/bin";
        environment["TMPDIR"] = Scratch;
        var mounts = new List<SandboxMount> { new(layout.Root, Root, Writable: true) };
        if (DotnetInstallation.RootOf(dotnet) is { } sdk && !DotnetInstallation.IsUnderUsr(sdk))
        {
            mounts.Add(SandboxMount.ReadOnly(sdk));
            environment["DOTNET_ROOT"] = sdk;
        }

        var state = Path.Combine(layout.Root, "sandbox");
        Directory.CreateDirectory(state);
        // One uid for all steps: compilation writes where restore wrote (obj/).
        var uid = await sandboxes.RentUidAsync();
        var oomKilled = false;
        var first = true;
        try
        {
            var run = await BuildProcess.RunStepsAsync(steps, async step =>
            {
                var sandbox = await sandboxes.CreateAsync(new SandboxSpec
                {
                    Role = step.Network ? "restore" : "build",
                    Command = [dotnet, .. step.Arguments],
                    Environment = environment,
                    WorkingDirectory = Root,
                    Mounts = mounts,
                    ScratchPath = Scratch,
                    ScratchSizeBytes = ScratchBytes,
                    Network = step.Network,
                    Limits = new CgroupLimits(options.BuildMemoryLimitBytes, Environment.ProcessorCount, options.BuildPidsMax),
                    // Handed over once: later steps run as the same uid.
                    OwnedDirectories = first ? layout.WritableDirectories : [],
                }, state, uid);
                first = false;
                return (sandbox.Command, new OomWatch(sandbox, () => oomKilled = true));
            }, spawnThread, timeout, options.BuildOutputLimitBytes, cancellationToken);
            return oomKilled
                ? run with { Output = run.Output + $"(the build ran out of memory: Containment:BuildMemoryLimitBytes is {options.BuildMemoryLimitBytes} bytes)\n" }
                : run;
        }
        finally
        {
            sandboxes.ReturnUid(uid);
        }
    }

    /// <summary>Notes an OOM kill before the sandbox's cgroup is removed.</summary>
    private sealed class OomWatch(Containment.Sandbox sandbox, Action onOom) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (sandbox.WasOomKilled)
            {
                onOom();
            }

            await sandbox.DisposeAsync();
        }
    }
}
