namespace Cuvis.Sandbox.Chaos;

/// <summary>Monotonic time since the run began, shared by the workload, the injector and the log reader.</summary>
internal sealed class RunClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();

    public TimeSpan Now => time.GetElapsedTime(_start);

    public static RunClock StartNew() => new(TimeProvider.System);

    public override string ToString() => Now.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
