namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// What makes a port declaration valid, in one place for <see cref="PortSpec"/> and
/// <see cref="NodePorts"/>, which adds the node class to the message.
/// </summary>
internal static class PortRules
{
    /// <summary>A size of -1 in a port shape means any size.</summary>
    internal const long AnySize = -1;

    /// <summary>Returns a sentence describing what is wrong with a port declaration, or <see langword="null"/> if nothing is.</summary>
    internal static string? FindProblem(string? name, DType dtype, ReadOnlySpan<long> shape)
    {
        if (!IsIdentifier(name))
        {
            return $"Port name '{name}' is invalid: port names are identifiers made of ASCII letters, digits and '_', not starting with a digit.";
        }

        if (!DTypes.IsDefined(dtype))
        {
            return $"Port '{name}' has dtype {(int)dtype}, which is not a defined {nameof(DType)} (1 to 8).";
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < AnySize)
            {
                return $"Port '{name}' has size {shape[i]} at index {i} of shape {TensorLayout.Format(shape)}: "
                    + "sizes are 0 or more, or -1 for any size.";
            }
        }

        return null;
    }

    // ASCII only: names travel to pipeline files, the wire and Python clients, where anything wider
    // invites look-alike names and normalisation surprises.
    private static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
