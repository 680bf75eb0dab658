using System.Globalization;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Converts a YAML value to a constructor parameter's type: bool, integers (whole numbers, also
/// written 5.0 or 1e3), float, double, string, enums by name, arrays of these (YAML sequences), and
/// their nullable forms. Numbers are read with
/// the invariant culture, so a document means the same on every machine.
/// </summary>
internal static class ParameterValueConverter
{
    /// <summary>The integer types a parameter may have, with the values each takes (the published schema states them too).</summary>
    public static IReadOnlyDictionary<Type, (Int128 Min, Int128 Max)> IntegerRanges { get; } = new Dictionary<Type, (Int128 Min, Int128 Max)>
    {
        [typeof(byte)] = (byte.MinValue, byte.MaxValue),
        [typeof(sbyte)] = (sbyte.MinValue, sbyte.MaxValue),
        [typeof(short)] = (short.MinValue, short.MaxValue),
        [typeof(ushort)] = (ushort.MinValue, ushort.MaxValue),
        [typeof(int)] = (int.MinValue, int.MaxValue),
        [typeof(uint)] = (uint.MinValue, uint.MaxValue),
        [typeof(long)] = (long.MinValue, long.MaxValue),
        [typeof(ulong)] = (ulong.MinValue, ulong.MaxValue),
    };

    /// <summary>
    /// Converts <paramref name="node"/>; on failure returns <see langword="false"/> and, where more
    /// than "wrong type" can be said, a <paramref name="detail"/> such as the allowed range.
    /// <paramref name="nullability"/> says whether a reference type accepts null; when it is
    /// <see langword="null"/> (unknown), null is allowed.
    /// </summary>
    public static bool TryConvert(YamlNode node, Type type, NullabilityInfo? nullability, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (YamlNodes.IsNull(node))
        {
            var allowsNull = underlying is not null || (!type.IsValueType && nullability?.ReadState != NullabilityState.NotNull);
            detail = allowsNull ? null : "null is not allowed here";
            return allowsNull;
        }

        var target = underlying ?? type;
        if (target.IsArray)
        {
            return TryConvertArray(node, target.GetElementType()!, nullability?.ElementType, out value, out detail);
        }

        if (node is not YamlScalarNode scalar)
        {
            return false;
        }

        return TryParse(scalar.Value ?? "", target, out value, out detail);
    }

    private static bool TryConvertArray(YamlNode node, Type elementType, NullabilityInfo? elementNullability, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        if (node is not YamlSequenceNode sequence)
        {
            detail = "give a list, e.g. [1, 2]";
            return false;
        }

        var array = Array.CreateInstance(elementType, sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (!TryConvert(sequence.Children[i], elementType, elementNullability, out var element, out var elementDetail))
            {
                detail = $"element {i} is {YamlNodes.Describe(sequence.Children[i])}{(elementDetail is null ? "" : $": {elementDetail}")}";
                return false;
            }

            array.SetValue(element, i);
        }

        value = array;
        return true;
    }

    private static bool TryParse(string text, Type type, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        if (type == typeof(string))
        {
            value = text;
            return true;
        }

        if (type == typeof(bool))
        {
            var parsed = bool.TryParse(text, out var flag);
            value = flag;
            detail = parsed ? null : "use true or false";
            return parsed;
        }

        if (type.IsEnum)
        {
            return TryParseEnum(text, type, out value, out detail);
        }

        if (type == typeof(float) || type == typeof(double))
        {
            return TryParseReal(text, type, out value, out detail);
        }

        if (IntegerRanges.TryGetValue(type, out var range))
        {
            return TryParseInteger(text, type, range, out value, out detail);
        }

        detail = $"parameters of type {type.FullName} cannot be set from a pipeline document";
        return false;
    }

    private static bool TryParseEnum(string text, Type type, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        var key = Normalize(text);
        var name = Enum.GetNames(type).FirstOrDefault(candidate => string.Equals(Normalize(candidate), key, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            detail = $"use one of {string.Join(", ", Enum.GetNames(type))}";
            return false;
        }

        value = Enum.Parse(type, name);
        return true;
    }

    private static bool TryParseReal(string text, Type type, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        if (!TryParseDouble(text, out var number))
        {
            return false;
        }

        if (type == typeof(double))
        {
            value = number;
            return true;
        }

        if (double.IsFinite(number) && Math.Abs(number) > float.MaxValue)
        {
            detail = $"out of range for float (±{float.MaxValue.ToString(CultureInfo.InvariantCulture)})";
            return false;
        }

        value = (float)number;
        return true;
    }

    private static bool TryParseInteger(string text, Type type, (Int128 Min, Int128 Max) range, out object? value, out string? detail)
    {
        value = null;
        detail = null;
        if (!TryParseWhole(text, out var number, out var tooLarge))
        {
            detail = tooLarge ? OutOfRange(type, range) : TryParseDouble(text, out _) ? "not a whole number" : null;
            return false;
        }

        if (number < range.Min || number > range.Max)
        {
            detail = OutOfRange(type, range);
            return false;
        }

        // In range, so only ulong can exceed long.
        value = type == typeof(ulong) ? (ulong)number : Convert.ChangeType((long)number, type, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// Reads a whole number as JSON Schema's <c>integer</c> is one: <c>5</c>, and also <c>5.0</c> or
    /// <c>1e3</c>, as JSON writers (Python's for a float) produce them. <paramref name="tooLarge"/>
    /// says a whole number did not fit even Int128 or decimal, so it is out of every range.
    /// </summary>
    private static bool TryParseWhole(string text, out Int128 number, out bool tooLarge)
    {
        const NumberStyles Numeral = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        tooLarge = false;
        if (Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (IsIntegerLiteral(text))
        {
            tooLarge = true;
            return false;
        }

        // The double says whether it is whole where decimal rounds (1e-30 is 0 to decimal); decimal gives its exact value.
        if (!double.TryParse(text, Numeral, CultureInfo.InvariantCulture, out var approximate) || !double.IsInteger(approximate))
        {
            return false;
        }

        if (!decimal.TryParse(text, Numeral, CultureInfo.InvariantCulture, out var exact))
        {
            tooLarge = true;
            return false;
        }

        if (decimal.Truncate(exact) != exact)
        {
            return false;
        }

        number = (Int128)exact;
        return true;
    }

    private static string OutOfRange(Type type, (Int128 Min, Int128 Max) range) =>
        $"out of range for {ParameterTypeNames.Of(type)} ({range.Min} to {range.Max})";

    private static bool IsIntegerLiteral(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') || text.StartsWith('+') ? 1 : 0);
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }

    // YAML writes infinities and NaN as .inf, -.inf and .nan; .NET's invariant culture reads the rest.
    private static bool TryParseDouble(string text, out double number)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                number = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                number = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                number = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }
    }

    /// <summary>Drops underscores, so <c>band_a</c> matches <c>bandA</c> and <c>MAX_POOL</c> matches <c>MaxPool</c>.</summary>
    public static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal);
}
