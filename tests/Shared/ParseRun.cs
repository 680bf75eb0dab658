namespace Cuvis.Sandbox.Tests.Shared;

/// <summary>What one <see cref="BoundedParse"/> run ended in: a value or an exception, and what it allocated.</summary>
internal sealed record ParseRun<T>(T? Value, Exception? Exception, long AllocatedBytes)
{
    /// <summary>
    /// Fails unless the run allocated at most <paramref name="fixedBytes"/> plus
    /// <paramref name="bytesPerInputByte"/> for each byte of the input: what a parse may cost
    /// grows with what the client sent, never with what the input claims.
    /// </summary>
    public ParseRun<T> AllocatedWithin(int inputLength, long fixedBytes, long bytesPerInputByte)
    {
        var budget = fixedBytes + (bytesPerInputByte * inputLength);
        if (AllocatedBytes > budget)
        {
            throw new InvalidOperationException(
                $"The parse of {inputLength} input bytes allocated {AllocatedBytes} bytes, more than its budget of {budget} "
                + $"({fixedBytes} + {bytesPerInputByte} per input byte).");
        }

        return this;
    }
}
