using System.Runtime.InteropServices;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// One classic-BPF instruction, the kernel's <c>struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }</c>.
/// Only the four instructions a seccomp deny list needs are offered; classic BPF jumps only
/// forwards, so a program built from them always ends.
/// </summary>
/// <param name="Code">Instruction class, size, mode and operand source, OR-ed together.</param>
/// <param name="JumpIfTrue">Instructions to skip when a conditional jump holds.</param>
/// <param name="JumpIfFalse">Instructions to skip when it does not.</param>
/// <param name="K">The constant operand: an offset, a value to compare with, or a return action.</param>
internal readonly record struct BpfInstruction(ushort Code, byte JumpIfTrue, byte JumpIfFalse, uint K)
{
    /// <summary>Bytes per instruction; the kernel and bwrap reject a program of any other multiple.</summary>
    public const int Size = 8;

    public const ushort LoadWordAbsoluteCode = 0x00 | 0x00 | 0x20; // BPF_LD | BPF_W | BPF_ABS
    public const ushort JumpIfEqualCode = 0x05 | 0x10 | 0x00;      // BPF_JMP | BPF_JEQ | BPF_K
    public const ushort JumpIfAnySetCode = 0x05 | 0x40 | 0x00;     // BPF_JMP | BPF_JSET | BPF_K
    public const ushort ReturnCode = 0x06 | 0x00;                  // BPF_RET | BPF_K

    /// <summary>A = the 32-bit word at <paramref name="offset"/> in <c>struct seccomp_data</c>.</summary>
    public static BpfInstruction LoadWord(uint offset) => new(LoadWordAbsoluteCode, 0, 0, offset);

    /// <summary>Skips <paramref name="ifTrue"/> instructions when A == <paramref name="value"/>, else <paramref name="ifFalse"/>.</summary>
    public static BpfInstruction JumpIfEqual(uint value, byte ifTrue, byte ifFalse) => new(JumpIfEqualCode, ifTrue, ifFalse, value);

    /// <summary>Skips <paramref name="ifTrue"/> instructions when A has any bit of <paramref name="mask"/>, else <paramref name="ifFalse"/>.</summary>
    public static BpfInstruction JumpIfAnySet(uint mask, byte ifTrue, byte ifFalse) => new(JumpIfAnySetCode, ifTrue, ifFalse, mask);

    /// <summary>Ends the program with a seccomp action (<c>SECCOMP_RET_*</c>).</summary>
    public static BpfInstruction Return(uint action) => new(ReturnCode, 0, 0, action);

    /// <summary>Writes the instruction in native byte order, which is what the kernel reads.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var code = Code;
        var k = K;
        MemoryMarshal.Write(destination, in code);
        destination[2] = JumpIfTrue;
        destination[3] = JumpIfFalse;
        MemoryMarshal.Write(destination[4..], in k);
    }

    /// <summary>Reads an instruction written by <see cref="WriteTo"/>.</summary>
    public static BpfInstruction ReadFrom(ReadOnlySpan<byte> source) =>
        new(MemoryMarshal.Read<ushort>(source), source[2], source[3], MemoryMarshal.Read<uint>(source[4..]));
}
