using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// What a seccomp filter must know about one CPU architecture: the <c>AUDIT_ARCH_*</c> value the
/// kernel reports in <c>seccomp_data.arch</c>, whether a second ABI shares that value, and the
/// numbers of the refused system calls. Numbers differ per architecture, so a filter built for
/// the wrong table would refuse harmless calls and allow dangerous ones.
/// </summary>
internal sealed class SeccompArchitecture
{
    /// <summary>
    /// The refused system calls, with their numbers from the kernel's tables
    /// (<c>arch/x86/entry/syscalls/syscall_64.tbl</c>, <c>include/uapi/asm-generic/unistd.h</c>,
    /// which arm64 uses). Null where the call does not exist on that architecture.
    /// Why each is refused: reading or writing another process (ptrace, process_vm_*), large
    /// kernel attack surface a plugin never needs (bpf, keyrings, userfaultfd, perf), and
    /// rearranging the sandbox itself (mounts, namespaces, root, modules, kexec, swap, reboot, port I/O).
    /// </summary>
    private static readonly (string Name, uint X64, uint? Arm64)[] Table =
    [
        ("ptrace", 101, 117),
        ("process_vm_readv", 310, 270),
        ("process_vm_writev", 311, 271),
        ("bpf", 321, 280),
        ("keyctl", 250, 219),
        ("add_key", 248, 217),
        ("request_key", 249, 218),
        ("userfaultfd", 323, 282),
        ("perf_event_open", 298, 241),
        ("mount", 165, 40),
        ("umount2", 166, 39),
        ("unshare", 272, 97),
        ("setns", 308, 268),
        ("kexec_load", 246, 104),
        ("kexec_file_load", 320, 294),
        ("pivot_root", 155, 41),
        ("chroot", 161, 51),
        ("init_module", 175, 105),
        ("finit_module", 313, 273),
        ("delete_module", 176, 106),
        ("open_by_handle_at", 304, 265),
        ("reboot", 169, 142),
        ("swapon", 167, 224),
        ("swapoff", 168, 225),
        // The new mount API (Linux 5.2+, 5.12 for mount_setattr): one number on every architecture.
        ("open_tree", 428, 428),
        ("move_mount", 429, 429),
        ("fsopen", 430, 430),
        ("fsconfig", 431, 431),
        ("fsmount", 432, 432),
        ("fspick", 433, 433),
        ("mount_setattr", 442, 442),
        ("iopl", 172, null),
        ("ioperm", 173, null),
    ];

    private SeccompArchitecture(
        string name, uint auditArch, bool hasX32Abi, uint clone, Func<(string Name, uint X64, uint? Arm64), uint?> number)
    {
        Name = name;
        AuditArch = auditArch;
        HasX32Abi = hasX32Abi;
        Clone = clone;
        RefusedSyscalls = [.. from row in Table let nr = number(row) where nr is not null select (row.Name, nr.Value)];
    }

    /// <summary>x86_64. The i386 ABI (<c>int 0x80</c>) reports AUDIT_ARCH_I386, which the arch check refuses whole.</summary>
    public static SeccompArchitecture X64 { get; } = new("x86_64", 0xC000_003E, hasX32Abi: true, clone: 56, row => row.X64);

    /// <summary>aarch64. AArch32 compat tasks report AUDIT_ARCH_ARM, which the arch check refuses whole.</summary>
    public static SeccompArchitecture Arm64 { get; } = new("aarch64", 0xC000_00B7, hasX32Abi: false, clone: 220, row => row.Arm64);

    /// <summary>The kernel's name for the architecture, as <c>uname -m</c> prints it.</summary>
    public string Name { get; }

    /// <summary>The <c>AUDIT_ARCH_*</c> value of the native 64-bit ABI.</summary>
    public uint AuditArch { get; }

    /// <summary>
    /// True on x86_64, where x32 calls report the same AUDIT_ARCH and differ only by
    /// <see cref="X32SyscallBit"/> in the number; left open, they would bypass every number check.
    /// </summary>
    public bool HasX32Abi { get; }

    /// <summary><c>__X32_SYSCALL_BIT</c>.</summary>
    public const uint X32SyscallBit = 0x4000_0000;

    /// <summary><c>__NR_clone</c>; its flags are the first argument on both architectures.</summary>
    public uint Clone { get; }

    /// <summary><c>__NR_clone3</c>, the same on every architecture.</summary>
    public const uint Clone3 = 435;

    /// <summary>The refused system calls of this architecture, by name and number.</summary>
    public IReadOnlyList<(string Name, uint Number)> RefusedSyscalls { get; }

    /// <summary>The table for <paramref name="architecture"/>, or null when there is none.</summary>
    public static SeccompArchitecture? For(Architecture architecture) => architecture switch
    {
        Architecture.X64 => X64,
        Architecture.Arm64 => Arm64,
        _ => null,
    };
}
