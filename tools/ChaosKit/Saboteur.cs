using System.Runtime.InteropServices;
using Cuvis.Sandbox.Contracts;

namespace ChaosKit;

/// <summary>
/// Passes its input through, unless told to end its worker the hard way. This is how the chaos
/// run injects the faults that must happen inside a worker, from the client side:
/// <list type="bullet">
/// <item><c>oom</c>: allocates native memory and touches every page until the kernel's OOM killer
/// ends the worker at its cgroup limit (or, with no limit in the way, up to the cap in MiB the input
/// holds, and then fails the call).</item>
/// <item><c>segv</c>: jumps to an unmapped address, a real segmentation fault outside managed code,
/// which the runtime cannot survive. (A SIGSEGV sent from outside is not the same: the .NET runtime
/// ignores one that no fault raised.)</item>
/// </list>
/// </summary>
[InputPort("data", DType.Float32, -1, -1, -1, -1, Description = "Images, BHWC.")]
[InputPort("oom", DType.Float32, 1, Optional = true, Description = "Present: allocate until killed, at most this many MiB.")]
[InputPort("segv", DType.Float32, 1, Optional = true, Description = "Present: crash with a segmentation fault.")]
[OutputPort("passed", DType.Float32, -1, -1, -1, -1, Description = "A copy of data.")]
public sealed class Saboteur : Node
{
    private const int ChunkBytes = 16 << 20;
    private const int PageBytes = 4096;

    public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken)
    {
        var data = inputs.Required("data");
        if (inputs.Optional("segv") is not null)
        {
            SegmentationFault();
        }

        if (inputs.Optional("oom") is { } oom)
        {
            AllocateUntilKilled((long)oom.AsReadOnlySpan<float>()[0] << 20);
            throw new InvalidOperationException(
                "Saboteur allocated its cap without being killed: the worker has no memory limit (Containment:MemoryLimitBytes) below it.");
        }

        return new NodeOutputs().Set("passed", Tensor.FromArray(data.AsReadOnlySpan<float>().ToArray(), data.Shape.ToArray()));
    }

    private static unsafe void SegmentationFault() => ((delegate* unmanaged<void>)(nint)0x10)();

    private static void AllocateUntilKilled(long capBytes)
    {
        // Native memory: the GC's heap limit does not apply, so only the cgroup limit stops it.
        // The cap keeps a worker without one from taking the machine.
        var blocks = new List<IntPtr>();
        for (long allocated = 0; allocated < capBytes; allocated += ChunkBytes)
        {
            var block = Marshal.AllocHGlobal(ChunkBytes);
            blocks.Add(block);
            for (var offset = 0; offset < ChunkBytes; offset += PageBytes)
            {
                Marshal.WriteByte(block, offset, 1);
            }
        }

        foreach (var block in blocks)
        {
            Marshal.FreeHGlobal(block);
        }
    }
}
