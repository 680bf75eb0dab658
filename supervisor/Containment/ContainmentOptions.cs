using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// What confines workers and plugin builds (configuration section <c>Containment</c>). The limits
/// apply to each worker (one per session) and to each plugin build on its own.
/// </summary>
internal sealed class ContainmentOptions : IValidatableObject
{
    public const string Section = "Containment";

    /// <summary><c>strict</c> (default) or <c>none</c> (development only, logged loudly).</summary>
    public ContainmentProfile Profile { get; set; } = ContainmentProfile.Strict;

    /// <summary>The bubblewrap executable. Default <c>bwrap</c>, found on PATH.</summary>
    [Required]
    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>Gives workers the host's network. Default false: a worker has a loopback of its own and nothing else.</summary>
    public bool Network { get; set; }

    /// <summary>Memory (and memory + swap) limit of one worker's cgroup. Default 4 GiB.</summary>
    [Range(128L * 1024 * 1024, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Share of <see cref="MemoryLimitBytes"/> the .NET heap of a worker may use
    /// (<c>DOTNET_GCHeapHardLimit</c>), so a plugin that allocates too much gets an
    /// OutOfMemoryException before the kernel kills the worker. Default 0.75.
    /// </summary>
    [Range(0.1, 0.95)]
    public double HeapShare { get; set; } = 0.75;

    /// <summary>CPU time of one worker, in cores (cgroup CPU quota). Default 1.</summary>
    [Range(0.05, 1024)]
    public double CpuLimit { get; set; } = 1;

    /// <summary>Most processes and threads in one worker's cgroup. Default 512.</summary>
    [Range(32, 1_000_000)]
    public int PidsMax { get; set; } = 512;

    /// <summary>Size of a worker's scratch directory (a tmpfs counted in its memory). Default 512 MiB.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long ScratchSizeBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Open files per process (RLIMIT_NOFILE). Default 4096; .NET needs 256 or more.</summary>
    [Range(256, 1_048_576)]
    public int OpenFilesLimit { get; set; } = 4096;

    /// <summary>
    /// Address-space backstop per process (RLIMIT_AS). Default 0: four times the memory limit,
    /// at least 16 GiB. .NET reserves far more address space than it uses; keep this generous.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long AddressSpaceLimitBytes { get; set; }

    /// <summary>First uid of the range sandboxed processes run as (one uid per live worker or build). Default 2,000,000,000.</summary>
    [Range(1000, int.MaxValue)]
    public int UidRangeStart { get; set; } = 2_000_000_000;

    /// <summary>Number of uids in the range. Default 65,536.</summary>
    [Range(16, 16_777_216)]
    public int UidRangeSize { get; set; } = 65_536;

    /// <summary>Installs a seccomp filter refusing ptrace, mount, unshare, bpf and similar calls. Default true.</summary>
    public bool Seccomp { get; set; } = true;

    /// <summary>
    /// Gives each sandbox a uid of its own (as root). Default true. False runs every sandbox as the
    /// supervisor's own uid: for measuring what the layer costs only, logged loudly at start.
    /// </summary>
    public bool SeparateUids { get; set; } = true;

    /// <summary>
    /// Puts each sandbox in a cgroup of its own with the memory, CPU and pids limits. Default true.
    /// False sets no limits and leaves sandboxes in the supervisor's cgroup: for measuring what the
    /// layer costs only, logged loudly at start.
    /// </summary>
    public bool Cgroups { get; set; } = true;

    /// <summary>Memory limit of one plugin build (restore and compile). Default 4 GiB.</summary>
    [Range(256L * 1024 * 1024, long.MaxValue)]
    public long BuildMemoryLimitBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most processes and threads in one plugin build. Default 1024.</summary>
    [Range(64, 1_000_000)]
    public int BuildPidsMax { get; set; } = 1024;

    /// <summary>Most bytes of a build's output kept for its error message. Default 1 MiB; the rest is dropped.</summary>
    [Range(4096, 64 * 1024 * 1024)]
    public int BuildOutputLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>The address-space limit in force (<see cref="AddressSpaceLimitBytes"/> or its automatic value).</summary>
    public long EffectiveAddressSpaceLimitBytes =>
        AddressSpaceLimitBytes > 0 ? AddressSpaceLimitBytes : Math.Max(16L * 1024 * 1024 * 1024, 4 * Math.Max(MemoryLimitBytes, BuildMemoryLimitBytes));

    /// <summary>The .NET heap limit of a worker, in bytes.</summary>
    public long HeapLimitBytes => (long)(MemoryLimitBytes * HeapShare);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((long)UidRangeStart + UidRangeSize > uint.MaxValue - 1)
        {
            yield return new ValidationResult(
                $"Containment:UidRangeStart + Containment:UidRangeSize must stay below {uint.MaxValue - 1}.", [nameof(UidRangeSize)]);
        }

        if (Profile == ContainmentProfile.None)
        {
            foreach (var (name, on) in new[] { (nameof(SeparateUids), SeparateUids), (nameof(Cgroups), Cgroups) })
            {
                if (!on)
                {
                    yield return new ValidationResult(
                        $"Containment:{name}=false takes one layer out of the strict profile, but Containment:Profile is none, which has no layers at all. "
                        + $"Remove Containment:{name}, or set Containment:Profile=strict to measure the other layers.", [name]);
                }
            }
        }
    }
}
