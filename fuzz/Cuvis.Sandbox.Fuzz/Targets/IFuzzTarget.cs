namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// One parser under the fuzzer. <see cref="Run"/> returns normally when the input ended in a
/// correct result or in the parser's domain error (what the client gets as INVALID_ARGUMENT),
/// and throws for anything else, which AFL records as a crash.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(byte[] input);
}
