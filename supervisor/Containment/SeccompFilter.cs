using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Builds the seccomp-BPF program handed to bubblewrap's <c>--seccomp FD</c>: bwrap installs it
/// (with no_new_privs) after its own namespace and mount setup and just before it execs the
/// command, so the filter binds the worker and every process it starts, but not bwrap.
/// <para>
/// It is a deny list, not an allow list: the worker is a full .NET runtime whose system calls
/// change with every runtime and glibc release, while the calls refused here are ones neither
/// .NET nor a plugin has a reason to make. A refused call fails with EPERM instead of killing
/// the process, so a plugin that probes for a feature sees an ordinary error and the worker
/// reports it rather than dying with SIGSYS.
/// </para>
/// <para>
/// Refusing <c>unshare</c> alone would leave new namespaces one <c>clone(CLONE_NEWUSER)</c>
/// away, so <c>clone</c> with any CLONE_NEW* flag is refused too, and <c>clone3</c>, whose flags
/// sit in memory a filter cannot read, reports ENOSYS: glibc (2.34+) then falls back to
/// <c>clone</c> for threads and processes, as it does on kernels older than 5.3.
/// </para>
/// </summary>
internal static class SeccompFilter
{
    /// <summary><c>SECCOMP_RET_ALLOW</c>.</summary>
    public const uint Allow = 0x7FFF_0000;

    /// <summary><c>SECCOMP_RET_ERRNO | EPERM</c>: the call returns -1 with errno 1.</summary>
    public const uint ErrnoEperm = 0x0005_0000 | 1;

    /// <summary><c>SECCOMP_RET_ERRNO | ENOSYS</c> (38 on x86_64 and arm64): "this kernel has no such call".</summary>
    public const uint ErrnoEnosys = 0x0005_0000 | 38;

    /// <summary>
    /// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET.
    /// (CLONE_NEWTIME, 0x80, exists only for clone3 and unshare; in clone's flags those bits are the exit signal.)
    /// </summary>
    public const uint CloneNamespaceFlags = 0x7E02_0000;

    /// <summary>Offsets in <c>struct seccomp_data { int nr; u32 arch; u64 ip; u64 args[6]; }</c>.</summary>
    public const uint NrOffset = 0;

    public const uint ArchOffset = 4;

    /// <summary>The low 32 bits of <c>args[0]</c>, on the little-endian architectures supported.</summary>
    public const uint FirstArgumentLowOffset = 16;

    /// <summary>The table for this process, or null when this machine cannot have the filter.</summary>
    public static SeccompArchitecture? Current { get; } =
        OperatingSystem.IsLinux() ? SeccompArchitecture.For(RuntimeInformation.ProcessArchitecture) : null;

    /// <summary>True when <see cref="Build()"/> can make a program for this process.</summary>
    public static bool IsSupported => Current is not null;

    /// <summary>Why the filter cannot be used here, for the log line of a caller that skips it; null when it can.</summary>
    public static string? UnsupportedReason => Current is not null
        ? null
        : OperatingSystem.IsLinux()
            ? $"no seccomp syscall table for the {RuntimeInformation.ProcessArchitecture} architecture (supported: x64, arm64)"
            : "seccomp is a Linux feature";

    /// <summary>
    /// The names of the system calls refused outright on this machine (empty when unsupported),
    /// for logs and doctor output; <c>clone</c> with namespace flags and <c>clone3</c> come on top.
    /// </summary>
    public static IReadOnlyList<string> RefusedSyscallNames { get; } =
        Current is null ? [] : [.. Current.RefusedSyscalls.Select(syscall => syscall.Name)];

    /// <summary>The program for this process's architecture, as bytes for bwrap's <c>--seccomp</c> fd.</summary>
    /// <exception cref="PlatformNotSupportedException">When <see cref="IsSupported"/> is false.</exception>
    public static byte[] Build() => Build(Current ?? throw new PlatformNotSupportedException(UnsupportedReason));

    /// <summary>The program for <paramref name="architecture"/>, in this machine's byte order.</summary>
    public static byte[] Build(SeccompArchitecture architecture)
    {
        var program = Compile(architecture);
        var bytes = new byte[program.Count * BpfInstruction.Size];
        for (var i = 0; i < program.Count; i++)
        {
            program[i].WriteTo(bytes.AsSpan(i * BpfInstruction.Size, BpfInstruction.Size));
        }

        return bytes;
    }

    /// <summary>
    /// The program as instructions. Each check is followed by its own <c>ret</c> and skips over it
    /// when it does not match, so jumps stay short and no offset depends on the list's length.
    /// </summary>
    public static IReadOnlyList<BpfInstruction> Compile(SeccompArchitecture architecture)
    {
        var program = new List<BpfInstruction>
        {
            // A call from another ABI (i386 int 0x80 on x86_64, AArch32 on arm64) carries other
            // numbers; refuse it as a whole rather than check it against the wrong table.
            BpfInstruction.LoadWord(ArchOffset),
            BpfInstruction.JumpIfEqual(architecture.AuditArch, 1, 0),
            BpfInstruction.Return(ErrnoEperm),
            BpfInstruction.LoadWord(NrOffset),
        };

        if (architecture.HasX32Abi)
        {
            program.Add(BpfInstruction.JumpIfAnySet(SeccompArchitecture.X32SyscallBit, 0, 1));
            program.Add(BpfInstruction.Return(ErrnoEperm));
        }

        foreach (var (_, number) in architecture.RefusedSyscalls)
        {
            program.Add(BpfInstruction.JumpIfEqual(number, 0, 1));
            program.Add(BpfInstruction.Return(ErrnoEperm));
        }

        program.AddRange(
        [
            BpfInstruction.JumpIfEqual(SeccompArchitecture.Clone3, 0, 1),
            BpfInstruction.Return(ErrnoEnosys),
            // Not clone: skip the three instructions to the final allow.
            BpfInstruction.JumpIfEqual(architecture.Clone, 0, 3),
            BpfInstruction.LoadWord(FirstArgumentLowOffset),
            BpfInstruction.JumpIfAnySet(CloneNamespaceFlags, 0, 1),
            BpfInstruction.Return(ErrnoEperm),
            BpfInstruction.Return(Allow),
        ]);
        return program;
    }
}
