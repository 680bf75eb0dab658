namespace Cuvis.Sandbox.Bench;

/// <summary>The mark of one row of the table.</summary>
internal enum Verdict
{
    /// <summary>The figure met its target.</summary>
    Pass,

    /// <summary>The figure missed its target.</summary>
    Fail,

    /// <summary>The issue sets no target for this figure: reported only.</summary>
    Reported,

    /// <summary>The figure or its baseline could not be measured in this run; the note says why.</summary>
    Unavailable,
}
