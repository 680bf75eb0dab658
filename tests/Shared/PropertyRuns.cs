namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>
/// How many inputs a property samples. CsCheck's own environment variables take precedence, so a
/// failure is replayed with <c>CsCheck_Seed=&lt;the seed it printed&gt;</c> and a longer hunt runs
/// with <c>CsCheck_Iter=1000000</c> (or <c>CsCheck_Time=600</c>), without editing a test.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>Returns <paramref name="iterations"/>, or -1 (CsCheck's settings) when CsCheck_Iter or CsCheck_Time is set.</summary>
    public static long Iterations(long iterations) =>
        Environment.GetEnvironmentVariable("CsCheck_Iter") is not null || Environment.GetEnvironmentVariable("CsCheck_Time") is not null
            ? -1
            : iterations;
}
