using System.Runtime.InteropServices;

namespace Hostile;

/// <summary>Attacks on the machine's memory: managed and native allocations past any limit.</summary>
public sealed partial class Attack
{
    private const int AllocationChunkBytes = 64 << 20;
    private const int PageBytes = 4096;

    /// <summary>
    /// Allocates 64 MiB arrays and touches every page, keeping them all, until an
    /// OutOfMemoryException or <c>bytes</c>. Then lets them go, so the worker can still answer.
    /// </summary>
    private string Allocate()
    {
        var hoard = new List<byte[]>();
        long allocated = 0;
        try
        {
            while (allocated < _bytes)
            {
                var chunk = new byte[AllocationChunkBytes];
                for (var i = 0; i < chunk.Length; i += PageBytes)
                {
                    chunk[i] = 1;
                }

                hoard.Add(chunk);
                allocated += chunk.Length;
            }
        }
        catch (OutOfMemoryException exception)
        {
            hoard.Clear();
            GC.Collect();
            return Blocked(exception, $"allocated={allocated}");
        }

        hoard.Clear();
        GC.Collect();
        return $"succeeded: allocated={allocated}";
    }

    /// <summary>
    /// As <see cref="Allocate"/>, with native memory the GC does not see. Past a cgroup limit the
    /// kernel kills the worker instead of failing the allocation: that is an acceptable outcome.
    /// </summary>
    private string AllocateNative()
    {
        var blocks = new List<IntPtr>();
        long allocated = 0;
        try
        {
            while (allocated < _bytes)
            {
                var block = Marshal.AllocHGlobal(AllocationChunkBytes);
                blocks.Add(block);
                for (var offset = 0; offset < AllocationChunkBytes; offset += PageBytes)
                {
                    Marshal.WriteByte(block, offset, 1);
                }

                allocated += AllocationChunkBytes;
            }
        }
        catch (OutOfMemoryException exception)
        {
            return Blocked(exception, $"allocated={allocated}");
        }
        finally
        {
            blocks.ForEach(Marshal.FreeHGlobal);
        }

        return $"succeeded: allocated={allocated}";
    }
}
