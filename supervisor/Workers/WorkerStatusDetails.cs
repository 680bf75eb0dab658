using Google.Rpc;
using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Reads the field problems a worker attached to its status (a <c>google.rpc.BadRequest</c> in the
/// standard <c>grpc-status-details-bin</c> trailer). A worker runs plugin code, so its details are
/// data, not trusted: only BadRequest field violations are taken, only from a status that names
/// the same code, at most <see cref="MaxProblems"/> and each bounded; anything unreadable is
/// dropped, and the status still reaches the client with its message.
/// </summary>
internal static class WorkerStatusDetails
{
    public const int MaxProblems = 100;

    public static IReadOnlyList<FieldProblem> FieldProblems(RpcException exception)
    {
        Google.Rpc.Status? status;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return [];
        }

        if (status is null || status.Code != (int)exception.StatusCode)
        {
            return [];
        }

        var problems = new List<FieldProblem>();
        foreach (var detail in status.Details)
        {
            BadRequest? badRequest;
            try
            {
                badRequest = detail.TryUnpack<BadRequest>(out var unpacked) ? unpacked : null;
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
                continue;
            }

            foreach (var violation in badRequest?.FieldViolations ?? [])
            {
                if (problems.Count == MaxProblems)
                {
                    return problems;
                }

                problems.Add(new FieldProblem(WorkerText.Bound(violation.Field), WorkerText.Bound(violation.Description)));
            }
        }

        return problems;
    }
}
