using System.Collections.ObjectModel;

namespace Cuvis.Sandbox.Worker.Pipelines;

/// <summary>
/// The problems of one document, kept to the first <see cref="MaxListed"/>: a client fixes a
/// document from its first problems, and a document whose faults repeat (ten thousand bad nodes,
/// or one bad node aliased ten thousand times) must not cost memory and a reply by the fault.
/// The rest are only counted (<see cref="Unlisted"/>), so they have no field violation either.
/// </summary>
internal sealed class PipelineProblems : Collection<PipelineProblem>
{
    public const int MaxListed = 100;

    /// <summary>Gets how many problems were found, listed or not.</summary>
    public int Total => Count + Unlisted;

    /// <summary>Gets how many problems were found past the first <see cref="MaxListed"/>.</summary>
    public int Unlisted { get; private set; }

    protected override void InsertItem(int index, PipelineProblem item)
    {
        if (Count < MaxListed)
        {
            base.InsertItem(index, item);
        }
        else
        {
            Unlisted++;
        }
    }
}
