using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Binds a node's <c>params</c> to the parameters of its class's one public constructor. A key
/// matches a parameter by exact name, or ignoring case and underscores, so Python-style
/// <c>band_a</c> binds to <c>bandA</c>. Parameters without a default must be given.
/// </summary>
internal static class NodeParameterBinder
{
    /// <summary>
    /// Returns the constructor arguments for <paramref name="node"/>'s params, or <see langword="null"/>
    /// after adding a problem for each bad param: about <c>nodes[i].params.&lt;key&gt;</c> for a key
    /// given, about <c>nodes[i].params</c> for a required parameter not given.
    /// </summary>
    public static object?[]? Bind(NodeDocument node, ConstructorInfo constructor, ICollection<PipelineProblem> problems)
    {
        var (label, parameters) = (node.Label, node.Params);
        var declared = constructor.GetParameters();
        var arguments = new object?[declared.Length];
        var givenAs = new string?[declared.Length];
        var nullability = new NullabilityInfoContext();
        var valid = true;
        foreach (var (keyNode, valueNode) in parameters.Children)
        {
            var key = YamlNodes.Text(keyNode) ?? "";
            var index = Match(declared, key);
            if (index < 0)
            {
                problems.Add(new(ProblemFields.NodeParam(node.Index, key), $"{label}: unknown param '{key}' for class {constructor.DeclaringType!.Name}; "
                    + $"accepted parameters: {Accepted(declared)}."));
                valid = false;
                continue;
            }

            var parameter = declared[index];
            if (givenAs[index] is { } earlier)
            {
                problems.Add(new(ProblemFields.NodeParam(node.Index, key), $"{label}: params '{earlier}' and '{key}' both set parameter '{parameter.Name}'; give it once."));
                valid = false;
                continue;
            }

            givenAs[index] = key;
            if (ParameterValueConverter.TryConvert(valueNode, parameter.ParameterType, nullability.Create(parameter), out var value, out var detail))
            {
                arguments[index] = value;
                continue;
            }

            problems.Add(new(ProblemFields.NodeParam(node.Index, key), $"{label}: param '{key}' expects {ParameterTypeNames.Of(parameter.ParameterType)}, "
                + $"got {YamlNodes.Describe(valueNode)}{(detail is null ? "" : $" ({detail})")}."));
            valid = false;
        }

        for (var i = 0; i < declared.Length; i++)
        {
            if (givenAs[i] is null && !TryDefault(declared[i], out arguments[i]))
            {
                problems.Add(new(ProblemFields.NodeParams(node.Index), $"{label}: missing required param '{declared[i].Name}' "
                    + $"({ParameterTypeNames.Of(declared[i].ParameterType)}) for class {constructor.DeclaringType!.Name}."));
                valid = false;
            }
        }

        return valid ? arguments : null;
    }

    /// <summary>Returns the key of <paramref name="parameters"/> that set the constructor parameter <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static string? KeyOf(ConstructorInfo constructor, YamlMappingNode parameters, string name)
    {
        var declared = constructor.GetParameters();
        var index = Array.FindIndex(declared, parameter => parameter.Name == name);
        return index < 0
            ? null
            : parameters.Children.Keys.Select(key => YamlNodes.Text(key) ?? "").FirstOrDefault(key => Match(declared, key) == index);
    }

    /// <summary>
    /// The index of the parameter <paramref name="key"/> sets: the one named exactly so, else the
    /// only one equal to it ignoring case and underscores; -1 when none or several are.
    /// </summary>
    public static int Match(ParameterInfo[] declared, string key)
    {
        var exact = Array.FindIndex(declared, parameter => parameter.Name == key);
        if (exact >= 0)
        {
            return exact;
        }

        var normalized = ParameterValueConverter.Normalize(key);
        var matches = declared
            .Select((parameter, index) => (parameter, index))
            .Where(match => string.Equals(ParameterValueConverter.Normalize(match.parameter.Name ?? ""), normalized, StringComparison.OrdinalIgnoreCase))
            .ToList();

        // Two parameters differing only in case or underscores cannot be told apart; the key binds to neither.
        return matches.Count == 1 ? matches[0].index : -1;
    }

    /// <summary>
    /// The value a parameter not given takes: its default, an empty array for <c>params</c>, or
    /// <see cref="Type.Missing"/> for an optional one without a default; false for a required one.
    /// </summary>
    public static bool TryDefault(ParameterInfo parameter, out object? value)
    {
        value = null;
        if (parameter.HasDefaultValue)
        {
            value = parameter.DefaultValue;
            return true;
        }

        if (parameter.ParameterType.IsArray && parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            value = Array.CreateInstance(parameter.ParameterType.GetElementType()!, 0);
            return true;
        }

        if (parameter.IsOptional)
        {
            value = Type.Missing;
            return true;
        }

        return false;
    }

    private static string Accepted(ParameterInfo[] declared) =>
        declared.Length == 0
            ? "none (the constructor takes no parameters)"
            : string.Join(", ", declared.Select(parameter =>
                $"{parameter.Name} ({ParameterTypeNames.Of(parameter.ParameterType)}{(parameter.HasDefaultValue ? ", optional" : "")})"));
}
