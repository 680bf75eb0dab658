namespace Cuvis.Sandbox.Supervisor.Plugins.Cache;

/// <summary>What one eviction pass found and did.</summary>
/// <param name="BytesBefore">What the cache's entries held when the pass weighed them.</param>
/// <param name="BytesAfter">What the entries left hold.</param>
/// <param name="Evicted">The entry directories removed, least recently used first.</param>
internal sealed record EvictionPass(long BytesBefore, long BytesAfter, IReadOnlyList<string> Evicted)
{
    public static EvictionPass Unlimited { get; } = new(0, 0, []);
}
