using System.Text;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Malformed;

public sealed partial class MalformedRequestTests
{
    [Fact]
    public async Task HostilePipelineDocuments_DeepNestingAliasBombsAndSelfReferences_AreInvalidArgument_AndThePipelineStays()
    {
        var session = await bench.AttackSessionAsync();
        var before = await OutputsOfAsync(session);
        (string Case, string Document, string Says)[] cases =
        [
            ("100,000 nested flow sequences", "nodes: " + new string('[', 100_000) + new string(']', 100_000), "nests deeper than 64 levels"),
            ("1,000 nested block mappings", string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "a:\n")), "nests deeper than 64 levels"),
            ("billion laughs as a value", Laughs() + "nodes: [{name: n, class: MinMaxNormalizer, params: {outputMin: *a9}}]\n", "aliases expand it to more than"),
            ("billion laughs as a mapping key", Laughs() + "? *a9\n: 1\nnodes: [{name: n, class: MinMaxNormalizer}]\n", "aliases expand it to more than"),
            ("anchor inside itself as a key", "? &k [*k]\n: 1\nnodes: [{name: n, class: MinMaxNormalizer}]\n", "a list as a mapping key"),
            ("anchor inside itself as a value", "nodes: &n [*n]\n", "refers to a node that contains it"),
            ("a million values", "nodes: [" + string.Join(",", Enumerable.Repeat("1", 1_000_000)) + "]", "nodes[0] must be a mapping"),
            ("an alias to no anchor", "nodes: [*nothing]\n", "nothing"),
            ("a 20 MiB document", "nodes: [{name: n, class: MinMaxNormalizer}]\n# " + new string('x', 20 << 20), "more than the 16 MiB a pipeline document may be"),
        ];

        await bench.AttackAsync(output, "pipeline documents: 100,000 nested sequences, 1,000 nested mappings, billion laughs as a value and as a key, "
            + "anchors inside themselves, a million values, an unknown alias, 20 MiB", async () =>
        {
            foreach (var (name, document, says) in cases)
            {
                var (status, detail) = await AttackBench.FailureOfAsync(() => bench.Supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
                {
                    SessionId = session,
                    Config = new PipelineConfig { ConfigBytes = ByteString.CopyFromUtf8(document) },
                }, deadline: DateTime.UtcNow.AddSeconds(60)).ResponseAsync);
                (status, detail).Should().Match<(StatusCode Status, string Detail)>(f => f.Status == StatusCode.InvalidArgument && f.Detail.Contains(says),
                    $"{name}: {status} {detail}");
            }

            (await OutputsOfAsync(session)).Should().Equal(before, "a rejected document leaves the pipeline in place");
            await AssertAnswersAsync(session);
            return "INVALID_ARGUMENT naming the depth, the alias bomb or the self-reference (from the parser's events, before the model is built), "
                + "or the 16 MiB document limit; the loaded pipeline stays";
        });
    }

    private async Task<IReadOnlyList<string>> OutputsOfAsync(string session) =>
        (await bench.Supervisor.Client.GetPipelineOutputsAsync(new GetPipelineOutputsRequest { SessionId = session }, deadline: DateTime.UtcNow.AddSeconds(30)))
        .OutputNames;

    /// <summary>Ten anchors, each a list of nine aliases to the one before: a few hundred bytes that expand to 9^9 values.</summary>
    private static string Laughs()
    {
        var text = new StringBuilder("l0: &a0 [lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"l{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        }

        return text.ToString();
    }
}
