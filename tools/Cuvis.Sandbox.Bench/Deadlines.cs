namespace Cuvis.Sandbox.Bench;

/// <summary>Every call of the bench has a deadline: a hang fails the run with a message instead of stalling it.</summary>
internal static class Deadlines
{
    /// <summary>Sessions, pipelines, node lists.</summary>
    public static readonly TimeSpan ControlTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Inference of up to a 128 MiB cube on a busy 2-core machine.</summary>
    public static readonly TimeSpan InferenceTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A plugin load that may build it.</summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public static DateTime Control() => DateTime.UtcNow + ControlTimeout;

    public static DateTime Inference() => DateTime.UtcNow + InferenceTimeout;
}
