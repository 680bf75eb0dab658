using System.Security.Cryptography;
using Cuvis.Sandbox.Supervisor.Containment;
using Cuvis.Sandbox.Supervisor.Containment.Cgroups;
using Cuvis.Sandbox.Supervisor.Workers;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Visualization;

/// <summary>
/// Profile <c>strict</c>: dot parses untrusted text, so it runs in a sandbox of its own: no
/// network, the minimal read-only root (plus the font configuration), a uid and cgroup of its own
/// (memory <see cref="VisualizationOptions.MemoryLimitBytes"/>, a few pids), a small scratch tmpfs,
/// its input on stdin and its image on stdout, nothing written to the host.
/// </summary>
internal sealed class SandboxedGraphvizRenderer(
    SandboxFactory sandboxes, ProcessSpawnThread spawnThread, IOptions<VisualizationOptions> options, TimeProvider timeProvider) : IGraphRenderer
{
    private const string Scratch = "/sandbox/scratch";

    public async Task<byte[]> RenderAsync(string dot, VisualizationFormat format, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!File.Exists(settings.DotPath))
        {
            throw new GraphvizMissingException(settings.DotPath);
        }

        var state = Path.Combine(Path.GetTempPath(), "cuvis-sandbox-graphviz-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(state);
        try
        {
            await using var sandbox = await sandboxes.CreateAsync(Spec(settings, format), state);
            var cli = sandbox.Command.ToCli();
            // The sandbox dies with the thread that starts it: start it on the long-lived one.
            return await await spawnThread.InvokeAsync(() =>
                GraphvizProcess.RunAsync(cli, dot, settings, timeProvider, sandbox, cancellationToken));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>What dot runs in: no network, nothing of the host writable, a small cgroup.</summary>
    public static SandboxSpec Spec(VisualizationOptions settings, VisualizationFormat format) => new()
    {
        Role = "graphviz",
        Command = [settings.DotPath, "-T" + format.Name()],
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["HOME"] = Scratch,
            ["TMPDIR"] = Scratch,
            ["XDG_CACHE_HOME"] = Scratch,
        },
        WorkingDirectory = Scratch,
        Mounts = Directory.Exists("/etc/fonts") ? [new SandboxMount("/etc/fonts", "/etc/fonts")] : [],
        ScratchPath = Scratch,
        ScratchSizeBytes = 16L * 1024 * 1024,
        Network = false,
        Limits = new CgroupLimits(settings.MemoryLimitBytes, 1, 16),
    };
}
