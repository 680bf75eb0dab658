using System.Runtime.InteropServices;
using CliWrap;
using CliWrap.Buffered;
using Cuvis.Sandbox.Supervisor.Containment;

namespace Cuvis.Sandbox.Supervisor.Tests.Containment;

public sealed class SeccompFilterTests
{
    private const uint AuditArchI386 = 0x4000_0003;
    private const uint AuditArchArm = 0x4000_0028;
    private const int Eperm = 1;
    private const int Esrch = 3;
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] ExpectedNames =
    [
        "ptrace", "process_vm_readv", "process_vm_writev", "bpf", "keyctl", "add_key", "request_key",
        "userfaultfd", "perf_event_open", "mount", "umount2", "unshare", "setns", "kexec_load",
        "kexec_file_load", "pivot_root", "chroot", "init_module", "finit_module", "delete_module",
        "open_by_handle_at", "reboot", "swapon", "swapoff", "open_tree", "move_mount", "fsopen",
        "fsconfig", "fsmount", "fspick", "mount_setattr",
    ];

    public static TheoryData<string> Architectures => ["x64", "arm64"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Build_AnyArchitecture_IsWholeInstructionsEndingInAllow(string name)
    {
        var bytes = SeccompFilter.Build(ArchitectureNamed(name));

        (bytes.Length % BpfInstruction.Size).Should().Be(0);
        var program = Decode(bytes);
        program.Should().HaveCountLessThanOrEqualTo(4096, "the kernel's BPF_MAXINSNS");
        program[^1].Should().Be(BpfInstruction.Return(SeccompFilter.Allow));
        program[0].Should().Be(BpfInstruction.LoadWord(SeccompFilter.ArchOffset));
    }

    [Fact]
    public void Compile_X64_RefusesTheListWithTheKernelsNumbers()
    {
        var architecture = SeccompArchitecture.X64;

        architecture.RefusedSyscalls.Select(s => s.Name).Should().Equal([.. ExpectedNames, "iopl", "ioperm"]);
        architecture.RefusedSyscalls.Should().Contain([("ptrace", 101u), ("unshare", 272u), ("mount", 165u), ("bpf", 321u),
            ("setns", 308u), ("process_vm_writev", 311u), ("fsopen", 430u), ("iopl", 172u), ("ioperm", 173u)]);
        Checks(SeccompFilter.Compile(architecture)).Should().Equal([.. architecture.RefusedSyscalls.Select(s => s.Number), 435u, 56u]);
    }

    [Fact]
    public void Compile_Arm64_RefusesTheListWithTheGenericNumbers()
    {
        var architecture = SeccompArchitecture.Arm64;

        architecture.RefusedSyscalls.Select(s => s.Name).Should().Equal(ExpectedNames);
        architecture.RefusedSyscalls.Should().Contain([("ptrace", 117u), ("unshare", 97u), ("mount", 40u), ("bpf", 280u),
            ("setns", 268u), ("process_vm_writev", 271u), ("fsopen", 430u)]);
        Checks(SeccompFilter.Compile(architecture)).Should().Equal([.. architecture.RefusedSyscalls.Select(s => s.Number), 435u, 220u]);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Program_RefusedNumber_ReturnsEperm(string name)
    {
        var architecture = ArchitectureNamed(name);
        var program = SeccompFilter.Compile(architecture);

        foreach (var (syscall, number) in architecture.RefusedSyscalls)
        {
            Evaluate(program, architecture.AuditArch, number).Should().Be(SeccompFilter.ErrnoEperm, syscall);
        }
    }

    [Theory]
    [InlineData("x64", new uint[] { 0, 1, 9, 56, 59, 202, 231, 317, 324, 334 })]
    [InlineData("arm64", new uint[] { 63, 64, 98, 220, 221, 222, 277, 283, 293 })]
    public void Program_CallsTheRuntimeMakes_AreAllowed(string name, uint[] numbers)
    {
        var architecture = ArchitectureNamed(name);
        var program = SeccompFilter.Compile(architecture);

        numbers.Select(nr => Evaluate(program, architecture.AuditArch, nr)).Should().AllBeEquivalentTo(SeccompFilter.Allow);
    }

    [Theory]
    [InlineData("x64", AuditArchI386)]
    [InlineData("arm64", AuditArchArm)]
    public void Program_ForeignAbi_ReturnsEpermEvenForHarmlessCalls(string name, uint foreignArch)
    {
        var program = SeccompFilter.Compile(ArchitectureNamed(name));

        Evaluate(program, foreignArch, 3).Should().Be(SeccompFilter.ErrnoEperm);
    }

    [Fact]
    public void Program_X32Call_ReturnsEperm()
    {
        var program = SeccompFilter.Compile(SeccompArchitecture.X64);

        Evaluate(program, SeccompArchitecture.X64.AuditArch, SeccompArchitecture.X32SyscallBit | 0).Should().Be(SeccompFilter.ErrnoEperm);
        Evaluate(program, SeccompArchitecture.X64.AuditArch, 0).Should().Be(SeccompFilter.Allow);
    }

    [Theory]
    [InlineData("x64", 56u)]
    [InlineData("arm64", 220u)]
    public void Program_Clone_RefusesNamespaceFlagsOnly(string name, uint clone)
    {
        var architecture = ArchitectureNamed(name);
        var program = SeccompFilter.Compile(architecture);
        uint[] namespaceFlags = [0x0002_0000, 0x0200_0000, 0x0400_0000, 0x0800_0000, 0x1000_0000, 0x2000_0000, 0x4000_0000];
        const uint PthreadCreate = 0x003D_0F00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        const uint Fork = 0x0120_0011;          // CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD

        namespaceFlags.Select(flag => Evaluate(program, architecture.AuditArch, clone, flag | Fork))
            .Should().AllBeEquivalentTo(SeccompFilter.ErrnoEperm);
        Evaluate(program, architecture.AuditArch, clone, PthreadCreate).Should().Be(SeccompFilter.Allow);
        Evaluate(program, architecture.AuditArch, clone, Fork).Should().Be(SeccompFilter.Allow);
        Evaluate(program, architecture.AuditArch, SeccompArchitecture.Clone3).Should().Be(SeccompFilter.ErrnoEnosys);
    }

    [Fact]
    public async Task UnderBwrap_Unshare_FailsWithOperationNotPermitted()
    {
        var without = await RunInBwrapAsync(withFilter: false, "unshare", "--user", "true");
        var with = await RunInBwrapAsync(withFilter: true, "unshare", "--user", "true");
        var withMount = await RunInBwrapAsync(withFilter: true, "unshare", "-m", "true");

        without.ExitCode.Should().Be(0, "unshare must work without the filter, or this test proves nothing: {0}", without.StandardError);
        with.ExitCode.Should().NotBe(0);
        with.StandardError.Should().Contain("Operation not permitted");
        withMount.ExitCode.Should().NotBe(0);
        withMount.StandardError.Should().Contain("Operation not permitted");
    }

    [Fact]
    public async Task UnderBwrap_Ptrace_FailsWithEperm()
    {
        // PTRACE_ATTACH to a pid that does not exist: ESRCH when the kernel runs the call, EPERM
        // when the filter stops it first, so the two outcomes cannot be confused.
        const string Script = "import ctypes; libc = ctypes.CDLL(None, use_errno=True); "
            + "libc.ptrace(ctypes.c_long(16), ctypes.c_long(999999), None, None); print(ctypes.get_errno())";

        var without = await RunInBwrapAsync(withFilter: false, "/usr/bin/python3", "-c", Script);
        var with = await RunInBwrapAsync(withFilter: true, "/usr/bin/python3", "-c", Script);

        without.StandardOutput.Trim().Should().Be(Esrch.ToString(), without.StandardError);
        with.StandardOutput.Trim().Should().Be(Eperm.ToString(), with.StandardError);
    }

    [Fact]
    public async Task UnderBwrap_CloneIntoANewUserNamespace_FailsWithEperm()
    {
        // The raw clone(CLONE_NEWUSER | SIGCHLD) that would step around the refused unshare.
        var script = $"import ctypes, os; libc = ctypes.CDLL(None, use_errno=True); "
            + $"pid = libc.syscall(ctypes.c_long({SeccompFilter.Current!.Clone}), ctypes.c_long(0x10000000 | 17), None, None, None, None); "
            + "pid == 0 and os._exit(0); pid > 0 and os.waitpid(pid, 0); print('created' if pid > 0 else ctypes.get_errno())";

        var without = await RunInBwrapAsync(withFilter: false, "/usr/bin/python3", "-c", script);
        var with = await RunInBwrapAsync(withFilter: true, "/usr/bin/python3", "-c", script);

        without.StandardOutput.Trim().Should().Be("created", "user namespaces must work without the filter, or this test proves nothing: {0}", without.StandardError);
        with.StandardOutput.Trim().Should().Be(Eperm.ToString(), with.StandardError);
    }

    [Fact]
    public async Task UnderBwrap_TrueForksAndDotnet_StillRun()
    {
        var trueResult = await RunInBwrapAsync(withFilter: true, "/bin/true");
        var forks = await RunInBwrapAsync(withFilter: true, "/usr/bin/python3", "-c",
            "import subprocess, threading; t = threading.Thread(target=print); t.start(); t.join(); "
            + "print(subprocess.run(['/bin/sh', '-c', 'echo forked | cat'], capture_output=True, text=True, check=True).stdout)");
        var dotnet = await RunInBwrapAsync(withFilter: true, DotnetHost, "--info");

        trueResult.ExitCode.Should().Be(0, trueResult.StandardError);
        forks.StandardOutput.Should().Contain("forked", forks.StandardError);
        dotnet.ExitCode.Should().Be(0, "the .NET runtime must start under the filter: {0}", dotnet.StandardError);
        dotnet.StandardOutput.Should().Contain(".NET runtimes installed");
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/bin/dotnet";

    private static SeccompArchitecture ArchitectureNamed(string name) =>
        SeccompArchitecture.For(Enum.Parse<Architecture>(name, ignoreCase: true))!;

    private static List<BpfInstruction> Decode(byte[] bytes) =>
        [.. bytes.Chunk(BpfInstruction.Size).Select(chunk => BpfInstruction.ReadFrom(chunk))];

    /// <summary>The numbers the program compares the syscall number with, in order (the first compare is the arch).</summary>
    private static IEnumerable<uint> Checks(IReadOnlyList<BpfInstruction> program) =>
        program.Where(i => i.Code == BpfInstruction.JumpIfEqualCode).Skip(1).Select(i => i.K);

    /// <summary>
    /// Runs the program the way the kernel would for one call: a tiny interpreter for the
    /// instructions it uses, failing on any other and on a program that runs past its end.
    /// </summary>
    private static uint Evaluate(IReadOnlyList<BpfInstruction> program, uint arch, uint nr, uint firstArgument = 0)
    {
        uint a = 0;
        for (var pc = 0; pc < program.Count; pc++)
        {
            var instruction = program[pc];
            switch (instruction.Code)
            {
                case BpfInstruction.LoadWordAbsoluteCode:
                    a = instruction.K switch
                    {
                        SeccompFilter.NrOffset => nr,
                        SeccompFilter.ArchOffset => arch,
                        SeccompFilter.FirstArgumentLowOffset => firstArgument,
                        _ => throw new InvalidOperationException($"load from offset {instruction.K}"),
                    };
                    break;
                case BpfInstruction.JumpIfEqualCode:
                    pc += a == instruction.K ? instruction.JumpIfTrue : instruction.JumpIfFalse;
                    break;
                case BpfInstruction.JumpIfAnySetCode:
                    pc += (a & instruction.K) != 0 ? instruction.JumpIfTrue : instruction.JumpIfFalse;
                    break;
                case BpfInstruction.ReturnCode:
                    return instruction.K;
                default:
                    throw new InvalidOperationException($"unexpected opcode {instruction.Code:x} at {pc}");
            }
        }

        throw new InvalidOperationException("the program ran off its end without returning");
    }

    /// <summary>
    /// Runs <paramref name="command"/> in bwrap as the supervisor will: the program in a file,
    /// opened by a shell that then execs bwrap, so bwrap inherits the fd. The fd is a single
    /// digit because POSIX sh (dash on Debian) reads <c>exec 10&lt;file</c> as a command named 10.
    /// </summary>
    private static async Task<BufferedCommandResult> RunInBwrapAsync(bool withFilter, params string[] command)
    {
        var bwrap = FindBwrap();
        var programFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(programFile, SeccompFilter.Build());
            var options = $"--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --unshare-pid --die-with-parent{(withFilter ? " --seccomp 9" : "")}";
            var script = $"{(withFilter ? "exec 9<\"$0\"; " : "")}exec \"{bwrap}\" {options} -- \"$@\"";
            using var deadline = new CancellationTokenSource(ProcessTimeout);
            var cli = Cli.Wrap("/bin/sh")
                .WithArguments(["-c", script, programFile, .. command])
                .WithEnvironmentVariables(new Dictionary<string, string?>
                {
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    ["DOTNET_NOLOGO"] = "1",
                    ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
                })
                .WithValidation(CommandResultValidation.None);
            return await RunOnOwnThreadAsync(() => cli.ExecuteBufferedAsync(deadline.Token).Task.GetAwaiter().GetResult());
        }
        finally
        {
            File.Delete(programFile);
        }
    }

    /// <summary>
    /// --die-with-parent is a parent-death signal, sent when the <em>thread</em> that forked bwrap
    /// exits: forked from a pool thread, bwrap is killed (exit 137) whenever the pool retires it.
    /// The supervisor forks from one long-lived thread; here each run holds a thread of its own.
    /// </summary>
    private static Task<T> RunOnOwnThreadAsync<T>(Func<T> run)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                result.SetResult(run());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        })
        { IsBackground = true, Name = "bwrap-spawn" }.Start();
        return result.Task;
    }

    private static string FindBwrap()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "bwrap"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "bwrap (bubblewrap) is not installed, and these tests run it for real. Install it "
            + "(Debian/Ubuntu: sudo apt-get install bubblewrap), or run the suite with ./run.sh test, which installs it.");
    }
}
