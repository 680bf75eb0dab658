namespace Cuvis.Sandbox.Chaos;

/// <summary>The ways a chaos run ends a worker.</summary>
internal enum FaultKind
{
    /// <summary>SIGKILL from outside: no chance to clean up.</summary>
    Kill,

    /// <summary>A real segmentation fault inside the worker: a call into ChaosKit's Saboteur node jumps to an unmapped address.</summary>
    Segv,

    /// <summary>SIGSTOP: the worker hangs until the supervisor's deadline kill ends it.</summary>
    Stop,

    /// <summary>A call into ChaosKit's Saboteur node, which allocates until the kernel's OOM killer ends the worker.</summary>
    OutOfMemory,
}

internal static class FaultKinds
{
    public static readonly FaultKind[] All = Enum.GetValues<FaultKind>();

    /// <summary>True for the faults a workload call carries into the worker, rather than a signal sent from outside.</summary>
    public static bool IsCarriedByCall(this FaultKind kind) => kind is FaultKind.Segv or FaultKind.OutOfMemory;

    public static string Label(this FaultKind kind) => kind switch
    {
        FaultKind.Kill => "SIGKILL",
        FaultKind.Segv => "SIGSEGV",
        FaultKind.Stop => "SIGSTOP",
        FaultKind.OutOfMemory => "OOM",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static FaultKind Parse(string label)
    {
        foreach (var kind in All)
        {
            if (string.Equals(kind.Label(), label, StringComparison.OrdinalIgnoreCase)
                || string.Equals(kind.ToString(), label, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new ArgumentException($"Unknown fault '{label}'; use {string.Join(", ", All.Select(k => k.Label()))}.");
    }
}
