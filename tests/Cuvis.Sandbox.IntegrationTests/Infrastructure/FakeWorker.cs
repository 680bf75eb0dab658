namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// Misbehaving stand-ins for the worker executable (Workers:Command), like CliWrap's dummy
/// program: each is a shell script that records its pid and its child's pid so a test can
/// check that nothing outlives a failed start.
/// </summary>
internal static class FakeWorker
{
    /// <summary>Starts, spawns a child, and never prints its ready line.</summary>
    public static string NeverReady(TempDirectory directory) => Write(directory, "never-ready.sh", "");

    /// <summary>Prints a ready line with a protocol version this supervisor does not speak.</summary>
    public static string WrongProtocol(TempDirectory directory) =>
        Write(directory, "wrong-protocol.sh", "echo \"cuvis-sandbox-worker-ready protocol=999 pid=$$ endpoint=unix:/nowhere\"\n");

    /// <summary>
    /// Floods stdout and stderr with 64 MiB of random bytes each, without a line break, then
    /// prints a ready line whose fields are garbage: what a plugin that took over its worker could send.
    /// </summary>
    public static string Garbage(TempDirectory directory) =>
        Write(directory, "garbage.sh", """
            head -c 67108864 /dev/urandom | tr -d '\n' >&2 &
            head -c 67108864 /dev/urandom | tr -d '\n'
            echo
            echo "cuvis-sandbox-worker-ready protocol=5 pid=99999999999999999999 endpoint=$(head -c 100000 /dev/zero | tr '\0' x)"
            """);

    /// <summary>The real worker, started only after <paramref name="delay"/>: a start slower than a short Workers:StartTimeout.</summary>
    public static string SlowToStart(TempDirectory directory, TimeSpan delay)
    {
        var path = directory.Combine("slow-to-start.sh");
        File.WriteAllText(path, $"#!/bin/sh\nsleep {delay.TotalSeconds:0}\nexec {Artifacts.DotnetHost} {Artifacts.WorkerAssembly} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>The pids the fake workers wrote (the script and its child).</summary>
    public static IReadOnlyList<int> RecordedPids(TempDirectory directory) =>
        File.Exists(directory.Combine("pids"))
            ? File.ReadAllLines(directory.Combine("pids")).Where(l => l.Length > 0).Select(int.Parse).ToArray()
            : [];

    private static string Write(TempDirectory directory, string name, string beforeWait)
    {
        var path = directory.Combine(name);
        var pids = directory.Combine("pids");
        File.WriteAllText(path, $"""
            #!/bin/sh
            echo $$ >> {pids}
            sleep 600 &
            echo $! >> {pids}
            {beforeWait}
            wait
            """.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
