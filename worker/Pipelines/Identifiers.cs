namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// Node names follow the rule port names follow in the contracts: ASCII letters, digits and '_',
/// not starting with a digit, so <c>&lt;node&gt;.&lt;port&gt;</c> keys split unambiguously.
/// </summary>
internal static class Identifiers
{
    public static bool IsValid(string name) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
