using System.Globalization;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Output;

/// <summary>How dtypes and shapes read on the command line: NumPy's names, -1 as '?'.</summary>
internal static class Describe
{
    public static string DType(DType? dtype) => dtype switch
    {
        null => "any",
        Client.DType.Bool => "bool",
        Client.DType.UInt8 => "uint8",
        Client.DType.UInt16 => "uint16",
        { } known => known.ToString().ToLowerInvariant(),
    };

    public static string Shape(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";

    public static string Port(PortSpec port) => $"{port.Name}{(port.Optional ? "?" : "")} {DType(port.DType)} {Shape(port.Shape)}";

    public static string Source(NodeSource source) => source switch
    {
        NodeSource.Builtin => "builtin",
        NodeSource.Plugin => "plugin",
        _ => "unknown",
    };
}
