using Cuvis.Sandbox.Fuzz;
using SharpFuzz;

// dotnet Cuvis.Sandbox.Fuzz.dll <target>: under afl-fuzz, runs the target on each input AFL
// sends; alone, on standard input once (so a finding replays with `< file`).
if (args.Length != 1 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: Cuvis.Sandbox.Fuzz <target>; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

// Out of process: a stack overflow or a hang kills only the child, which SharpFuzz restarts,
// and AFL records the input instead of the whole run ending.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target.Run(buffer.ToArray());
});
return 0;
