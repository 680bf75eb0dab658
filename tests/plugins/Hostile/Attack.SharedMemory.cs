using System.Globalization;

namespace Hostile;

/// <summary>
/// <c>shared-memory</c>: finds the shared-memory files the call's request arrived in (the worker
/// holds them open while the call runs) and tries what would hurt their other holder, the
/// supervisor, which maps them to read the answer: shrinking one (a mapping past the new end
/// would be a SIGBUS), or sealing it against writes so the answer cannot be written.
/// </summary>
public sealed partial class Attack
{
    private const string SharedMemoryName = "/memfd:cuvis-tensors";

    private static string SharedMemory()
    {
        var found = new List<int>();
        foreach (var descriptor in Entries("/proc/self/fd"))
        {
            if (LinkTarget(descriptor) is { } target && target.StartsWith(SharedMemoryName, StringComparison.Ordinal)
                && int.TryParse(Path.GetFileName(descriptor), NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
            {
                found.Add(fd);
            }
        }

        if (found.Count == 0)
        {
            return "succeeded: files=0 (no shared-memory file in sight: the request did not come through one)";
        }

        var outcomes = new List<string>();
        foreach (var fd in found)
        {
            var shrink = Libc.Ftruncate(fd, 0) == 0 ? "shrank" : "shrink " + Libc.LastError();
            var seal = Libc.Fcntl(fd, Libc.FAddSeals, Libc.FSealWrite) == 0 ? "sealed" : "seal " + Libc.LastError();
            outcomes.Add($"fd {fd}: {shrink}, {seal}");
        }

        var blocked = outcomes.All(o => !o.Contains("shrank", StringComparison.Ordinal) && !o.Contains("sealed", StringComparison.Ordinal));
        return (blocked ? "blocked: " : "succeeded: ") + $"files={found.Count} " + string.Join("; ", outcomes);
    }
}
