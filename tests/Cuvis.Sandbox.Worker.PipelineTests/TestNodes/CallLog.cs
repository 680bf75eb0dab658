using System.Collections.Concurrent;

namespace Cuvis.Sandbox.Worker.PipelineTests.TestNodes;

/// <summary>
/// Where test nodes note that they ran. Nodes take only primitive params, so a test passes a
/// fresh key and reads back what the nodes under that key recorded.
/// </summary>
internal static class CallLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Logs = new();

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static void Record(string key, string entry)
    {
        if (key.Length > 0)
        {
            Logs.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(entry);
        }
    }

    public static IReadOnlyList<string> Of(string key) => Logs.TryGetValue(key, out var log) ? [.. log] : [];
}
