using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hostile;

/// <summary>Attacks on the worker itself: ways to die or hang that a host cannot catch from inside.</summary>
public sealed partial class Attack
{
    private static string Crash()
    {
        Environment.FailFast("hostile plugin: crashing on purpose");
        return "unreachable";
    }

    private static string StackOverflow() => $"unreachable: {Recurse(0)}";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Recurse(long depth)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[0] = (byte)depth;

        // Using the result after the call keeps it from becoming a tail call.
        return Recurse(depth + 1) + frame[0];
    }

    /// <summary>Keeps <c>threads</c> threads busy for <c>seconds</c>, ignoring the call's cancellation.</summary>
    private string Spin()
    {
        var until = Stopwatch.GetTimestamp() + (long)(_seconds * (double)Stopwatch.Frequency);
        var spinners = Enumerable.Range(0, Math.Max(1, _threads))
            .Select(_ => new Thread(() => SpinUntil(until)) { IsBackground = true })
            .ToArray();
        foreach (var spinner in spinners)
        {
            spinner.Start();
        }

        foreach (var spinner in spinners)
        {
            spinner.Join();
        }

        return $"succeeded: spun threads={spinners.Length} seconds={_seconds}";
    }

    private static void SpinUntil(long until)
    {
        var iterations = 0L;
        while (Stopwatch.GetTimestamp() < until)
        {
            iterations++;
        }

        GC.KeepAlive(iterations);
    }
}
