using System.Collections.ObjectModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// The problems of one document, kept to the first <see cref="MaxListed"/>: a client fixes a
/// document from its first problems, and a document whose faults repeat (ten thousand bad nodes,
/// or one bad node aliased ten thousand times) must not cost memory and a reply by the fault.
/// </summary>
internal sealed class PipelineProblems : Collection<string>
{
    public const int MaxListed = 100;

    private int _unlisted;

    /// <summary>Gets how many problems were found, listed or not.</summary>
    public int Total => Count + _unlisted;

    /// <summary>Returns the listed problems, and a last line counting the rest when there were more.</summary>
    public IReadOnlyList<string> ToList() =>
        _unlisted == 0 ? [.. this] : [.. this, $"... and {_unlisted} more problem{(_unlisted == 1 ? "" : "s")}; fix the ones above first."];

    protected override void InsertItem(int index, string item)
    {
        if (Count < MaxListed)
        {
            base.InsertItem(index, item);
        }
        else
        {
            _unlisted++;
        }
    }
}
