using System.Buffers;

namespace Cuvis.Sandbox.Protos.Framing;

/// <summary>
/// The buffers frames are built and read in: pooled up to <see cref="PooledBytes"/>; larger ones
/// (a message that did not go through shared memory) are allocated for the one frame and dropped,
/// so the shared pool never keeps a call's worth of memory alive after it.
/// </summary>
internal static class FrameBuffers
{
    public const int PooledBytes = 1024 * 1024;

    public static byte[] Rent(int length) =>
        length <= PooledBytes ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= PooledBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
