namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>
/// What a parse may allocate: a constant plus a share per input byte, the budgets the property
/// tests hold the parsers to. Past it the fuzzer reports a crash, so an input that makes a
/// parser allocate by what it claims (a huge shape, an alias bomb) is found like an exception.
/// </summary>
internal readonly record struct AllocationBudget(long FixedBytes, long BytesPerInputByte)
{
    public T Measure<T>(byte[] input, Func<T> parse)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = parse();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var budget = FixedBytes + (BytesPerInputByte * input.Length);
        return allocated <= budget
            ? result
            : throw new FuzzFinding($"{input.Length} input bytes made the parse allocate {allocated} bytes, past the budget of {budget}.");
    }
}
