using System.Globalization;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// Checks shared by the builtin nodes, so every parameter and input error reads the same way:
/// "<c>Node: parameter 'name' must be ...; got ....</c>", with the parameter or port as the
/// exception's <see cref="ArgumentException.ParamName"/>. The host checks declared dtypes and
/// ranks before <see cref="Node.Forward"/>; the nodes check again because they may be run directly.
/// </summary>
internal static class NodeArgument
{
    public static ArgumentException Parameter(string node, string parameter, string expected, double actual) =>
        new($"{node}: parameter '{parameter}' must be {expected}; got {Format(actual)}.", parameter);

    public static ArgumentException Input(string node, string port, string expected, string actual) =>
        new($"{node}: input '{port}' must be {expected}; got {actual}.", port);

    /// <summary>An input problem that does not read as "must be ...; got ...".</summary>
    public static ArgumentException InputProblem(string node, string port, string problem) => new($"{node}: {problem}", port);

    public static void RequireFinite(string node, string parameter, double value)
    {
        if (!double.IsFinite(value))
        {
            throw Parameter(node, parameter, "a finite number", value);
        }
    }

    /// <summary>Returns the Float32 tensor of a required input of the given rank, or throws naming the port.</summary>
    public static Tensor Float32(NodeInputs inputs, string node, string port, int rank, string layout)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var tensor = inputs.Contains(port)
            ? inputs.Required(port)
            : throw Input(node, port, $"a Float32 {layout} tensor", "no tensor");
        if (tensor.DType != DType.Float32 || tensor.Rank != rank)
        {
            throw Input(node, port, $"a Float32 {layout} tensor (rank {rank})", tensor.ToString());
        }

        return tensor;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
