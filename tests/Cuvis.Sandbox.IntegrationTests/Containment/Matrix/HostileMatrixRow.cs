namespace Cuvis.Sandbox.IntegrationTests.Containment.Matrix;

/// <summary>One attack in the hostile-plugin matrix, as a test observed it.</summary>
/// <param name="Group">Which list of issue 9 the attack belongs to.</param>
/// <param name="Attack">What the plugin (or build) tried, in a few words.</param>
/// <param name="Outcome">What happened to the hostile session (<see cref="HostileOutcome"/>).</param>
/// <param name="HealthySession">Whether the healthy session failed a call meanwhile, with its count.</param>
/// <param name="Supervisor">Whether the supervisor was affected: up or not, and its memory peak's growth.</param>
/// <param name="LeftBehind">What was left once the hostile sessions closed (<see cref="SandboxTraces"/>).</param>
internal sealed record HostileMatrixRow(
    HostileGroup Group, string Attack, string Outcome, string HealthySession, string Supervisor, string LeftBehind)
{
    public string ToMarkdown() =>
        "| " + string.Join(" | ", new[] { Attack, Outcome, HealthySession, Supervisor, LeftBehind }.Select(Cell)) + " |";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
