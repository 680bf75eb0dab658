namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>Names parameter types as a pipeline author thinks of them: <c>float</c>, <c>int[]</c>, <c>Mode?</c>.</summary>
internal static class ParameterTypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(string)] = "string",
    };

    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        return Keywords.GetValueOrDefault(type) ?? type.Name;
    }
}
