using Cuvis.Sandbox.Supervisor.Containment.Cgroups;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// One process to run confined: what it sees (a minimal read-only root plus
/// <see cref="Mounts"/>), what it may write (the writable mounts and a size-limited scratch
/// tmpfs), whether it has a network, and its cgroup limits.
/// </summary>
internal sealed record SandboxSpec
{
    /// <summary>A short role name for cgroup names and logs ("worker", "restore", "build").</summary>
    public required string Role { get; init; }

    /// <summary>The executable and its arguments, with paths as the sandbox sees them.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The environment inside: nothing else is inherited.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Working directory inside.</summary>
    public required string WorkingDirectory { get; init; }

    public IReadOnlyList<SandboxMount> Mounts { get; init; } = [];

    /// <summary>A private tmpfs of <see cref="ScratchSizeBytes"/>, writable by the sandbox's uid only; null for none.</summary>
    public string? ScratchPath { get; init; }

    public long ScratchSizeBytes { get; init; }

    /// <summary>True to share the host's network namespace; false leaves a private loopback only.</summary>
    public bool Network { get; init; }

    public required CgroupLimits Limits { get; init; }

    /// <summary>Host directory trees to hand to the sandbox's uid before it starts (its own writable places).</summary>
    public IReadOnlyList<string> OwnedDirectories { get; init; } = [];
}
