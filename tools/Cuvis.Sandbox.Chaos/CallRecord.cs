using Grpc.Core;

namespace Cuvis.Sandbox.Chaos;

/// <summary>One public-API call the workload made, and how it ended.</summary>
/// <param name="Rpc">The RPC's name.</param>
/// <param name="SessionId">The session it was for ("" for CreateSession before it answered).</param>
/// <param name="Started">Run-clock time it was sent.</param>
/// <param name="Ended">Run-clock time it answered.</param>
/// <param name="Status">OK, or the status it failed with.</param>
/// <param name="Detail">The failure's detail, or what was wrong with an answer that came back.</param>
/// <param name="Injected">True for a call that carried a fault into its worker (OOM, segfault): it is meant to fail.</param>
internal sealed record CallRecord(
    string Rpc, string SessionId, TimeSpan Started, TimeSpan Ended, StatusCode Status, string Detail, bool Injected = false)
{
    /// <summary>A call that answered OK but with a wrong result.</summary>
    public const string WrongAnswer = "wrong answer: ";

    public bool Failed => Status != StatusCode.OK || Detail.StartsWith(WrongAnswer, StringComparison.Ordinal);
}
