using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static Cuvis.Sandbox.Protos.SharedMemory.SharedMemoryNative;

namespace Cuvis.Sandbox.Protos.SharedMemory;

/// <summary>
/// Messages over a connected Unix <see cref="SocketType.Seqpacket"/> socket, each a few bytes of
/// data and at most one file descriptor (SCM_RIGHTS): how a shared-memory file travels between
/// processes that share no file system path for it. Sends never block (a peer that stopped
/// reading makes them fail); receives block the calling thread.
/// </summary>
public static unsafe class DescriptorChannel
{
    /// <summary>Largest data part of one message.</summary>
    public const int MaxDataBytes = 256;

    /// <summary>Sends <paramref name="data"/>, with <paramref name="descriptor"/> when given.</summary>
    /// <exception cref="IOException">The socket is closed, full, or refused the message.</exception>
    public static void Send(Socket socket, ReadOnlySpan<byte> data, SafeHandle? descriptor)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxDataBytes);
        var added = false;
        try
        {
            descriptor?.DangerousAddRef(ref added);
            fixed (byte* bytes = data)
            {
                var vector = new IoVector { Base = bytes, Length = (nuint)data.Length };
                var control = new DescriptorControl
                {
                    Length = DescriptorControlLength,
                    Level = SolSocket,
                    Type = ScmRights,
                    Descriptor = descriptor is null ? -1 : (int)descriptor.DangerousGetHandle(),
                };
                var header = new MessageHeader
                {
                    Vectors = &vector,
                    VectorCount = 1,
                    Control = descriptor is null ? null : &control,
                    ControlLength = descriptor is null ? 0 : (nuint)sizeof(DescriptorControl),
                };
                var sent = SendMessage((int)socket.SafeHandle.DangerousGetHandle(), &header, MsgDontWait | MsgNoSignal);
                if (sent < 0)
                {
                    throw Error("Sending on the descriptor channel");
                }

                if (sent != data.Length)
                {
                    throw new IOException($"The descriptor channel took {sent} of {data.Length} bytes.");
                }
            }
        }
        finally
        {
            if (added)
            {
                descriptor!.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Blocks for the next message; its data length, or -1 when the peer closed. A descriptor it
    /// carried comes back owned by the caller (close-on-exec).
    /// </summary>
    /// <exception cref="IOException">The message was longer than <paramref name="data"/>, or the receive failed.</exception>
    public static int Receive(Socket socket, Span<byte> data, out SafeFileHandle? descriptor)
    {
        descriptor = null;
        fixed (byte* bytes = data)
        {
            var vector = new IoVector { Base = bytes, Length = (nuint)data.Length };
            var control = default(DescriptorControl);
            var header = new MessageHeader
            {
                Vectors = &vector,
                VectorCount = 1,
                Control = &control,
                ControlLength = (nuint)sizeof(DescriptorControl),
            };
            nint received;
            do
            {
                received = ReceiveMessage((int)socket.SafeHandle.DangerousGetHandle(), &header, MsgCmsgCloexec);
            }
            while (received < 0 && Marshal.GetLastPInvokeError() == 4); // EINTR

            if (received < 0)
            {
                throw Error("Receiving on the descriptor channel");
            }

            if (header.ControlLength >= DescriptorControlLength && control.Level == SolSocket && control.Type == ScmRights)
            {
                descriptor = new SafeFileHandle(control.Descriptor, ownsHandle: true);
            }

            if (received == 0 && header.ControlLength == 0)
            {
                return -1;
            }

            if ((header.Flags & (MsgTrunc | MsgCtrunc)) != 0)
            {
                descriptor?.Dispose();
                descriptor = null;
                throw new IOException($"A message on the descriptor channel was longer than {data.Length} bytes or carried more than one descriptor.");
            }

            return (int)received;
        }
    }
}
