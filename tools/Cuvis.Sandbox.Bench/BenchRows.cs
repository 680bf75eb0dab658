namespace Cuvis.Sandbox.Bench;

/// <summary>The groups of rows a run can make (<c>--rows</c>), in the order of issue 10, then issue 11's client row.</summary>
internal enum BenchRows
{
    /// <summary>CreateSession cold vs a warm pool; sessions per second.</summary>
    Spawn,

    /// <summary>ListAvailableNodes and a tiny Inference through the supervisor vs direct to a worker.</summary>
    Relay,

    /// <summary>128 MiB MinMax Inference through the supervisor vs direct to a worker.</summary>
    Large,

    /// <summary>MinMaxNormalizer and RXPerBatch timed inside the worker vs NumPy.</summary>
    Kernels,

    /// <summary>Supervisor and worker RSS idle and across repeated 128 MiB calls.</summary>
    Memory,

    /// <summary>Cached git plugin loads; a contained cold build vs a plain dotnet build.</summary>
    Plugins,

    /// <summary>Many sessions running inference at once.</summary>
    Concurrency,

    /// <summary>CreateSession under each containment profile.</summary>
    Containment,

    /// <summary>What Cuvis.Sandbox.Client adds to a call: the same calls through it and through the raw stub.</summary>
    Client,
}
