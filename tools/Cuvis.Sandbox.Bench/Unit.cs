namespace Cuvis.Sandbox.Bench;

/// <summary>What a measured value counts.</summary>
internal enum Unit
{
    /// <summary>A duration in microseconds.</summary>
    Micros,

    /// <summary>Bytes (of memory).</summary>
    Bytes,

    /// <summary>Events per second.</summary>
    PerSecond,
}
