using Cuvis.Sandbox.Tools;

namespace Cuvis.Sandbox.Chaos;

/// <summary>
/// Injects faults at random moments (exponential gaps at the configured mean rate), of kinds dealt
/// from a shuffled deck, into random sessions whose worker is up: a signal sent straight to the worker's pid, or, for OOM and
/// segfaults, a flag the session's lane turns into a call to ChaosKit's Saboteur node.
/// </summary>
internal sealed class FaultInjector(ChaosSettings settings, SessionBook book, string runtimeDirectory, int supervisorProcessId, Random random)
{
    private static readonly TimeSpan VictimPoll = TimeSpan.FromMilliseconds(250);

    private readonly Queue<FaultKind> _deck = new();

    public async Task RunAsync(CancellationToken stop)
    {
        var meanGap = TimeSpan.FromMinutes(1 / settings.FaultsPerMinute);
        try
        {
            while (true)
            {
                await Task.Delay(meanGap * -Math.Log(1 - random.NextDouble()), stop);

                // The kind is dealt before its victim is found, and waits for one: every kind
                // gets its share, however often a kind's victims are scarce (mid-recovery, closing).
                var kind = Deal();
                Fault? fault;
                while ((fault = book.Open(kind, random)) is null)
                {
                    await Task.Delay(VictimPoll, stop);
                }

                if (!kind.IsCarriedByCall())
                {
                    Inject(fault);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The next kind from a shuffled deck of the enabled kinds, reshuffled when empty.</summary>
    private FaultKind Deal()
    {
        if (_deck.Count == 0)
        {
            var kinds = settings.Faults.ToArray();
            random.Shuffle(kinds);
            foreach (var kind in kinds)
            {
                _deck.Enqueue(kind);
            }
        }

        return _deck.Dequeue();
    }

    private void Inject(Fault fault)
    {
        // Never signal a process that is not this run's worker, whatever the log said.
        if (!Leftovers.IsSandboxProcess(fault.ProcessId, runtimeDirectory, supervisorProcessId))
        {
            book.NotInjected(fault, "the worker had already gone");
            return;
        }

        var signal = fault.Kind switch
        {
            FaultKind.Kill => Signals.Kill,
            FaultKind.Stop => Signals.Stop,
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        if (Signals.Send(fault.ProcessId, signal) is { } error)
        {
            book.NotInjected(fault, error);
        }
    }
}
