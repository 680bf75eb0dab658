namespace Cuvis.Sandbox.Fuzz.Targets;

/// <summary>An input broke a parser's contract without throwing: a wrong result, or an allocation sized by the input's claims.</summary>
internal sealed class FuzzFinding(string message) : Exception(message);
