using System.Text.Json.Nodes;
using Cuvis.Sandbox.Supervisor.PipelineLibrary;

namespace Cuvis.Sandbox.Supervisor.Tests.PipelineLibrary;

public sealed class PipelineOverridesTests
{
    private static JsonObject Document() => JsonNode.Parse("""
        {"nodes": [{"name": "input", "class": "HyperspectralInput"}, {"name": "rx", "class": "RXPerBatch", "params": {"threshold": 0.5}}],
         "connections": [{"from": "input.outputs.cube", "to": "rx.inputs.data"}]}
        """)!.AsObject();

    [Fact]
    public void Apply_NodeByName_ListItemByIndex_AndNewKeys_TakeYamlValues()
    {
        var document = Document();

        PipelineOverrides.Apply(document, ["nodes.rx.params.threshold=0.9", "connections.0.to=rx.inputs.cube", "nodes.input.params.bands=[1, 2]", "metadata.name='quoted 1'"]);

        document["nodes"]![1]!["params"]!["threshold"]!.GetValue<double>().Should().Be(0.9);
        document["connections"]![0]!["to"]!.GetValue<string>().Should().Be("rx.inputs.cube");
        document["nodes"]![0]!["params"]!["bands"]!.AsArray().Select(b => b!.GetValue<long>()).Should().Equal(1, 2);
        document["metadata"]!["name"]!.GetValue<string>().Should().Be("quoted 1");
    }

    [Theory]
    [InlineData("threshold", "is not 'dotted.path=value'")]
    [InlineData("nodes..x=1", "is not 'dotted.path=value'")]
    [InlineData("nodes.nobody.params.x=1", "no entry of 'nodes' has that name; the names are input, rx")]
    [InlineData("connections.5.to=x", "indexes item 5 of a list of 1")]
    [InlineData("nodes.rx.class.x=1", "sets 'x' in a single value")]
    [InlineData("nodes.rx.class.x.y=1", "steps into 'x' of a single value")]
    [InlineData("nodes.rx.params.threshold=[1, ", "is not YAML")]
    public void Apply_OverridesThatCannotApply_NameTheOverrideAndWhy(string text, string says)
    {
        var document = Document();
        var before = document.ToJsonString();

        var apply = () => PipelineOverrides.Apply(document, [text]);

        var error = apply.Should().Throw<InvalidPipelineLibraryRequestException>().Which;
        error.Message.Should().Contain(says);
        error.FieldProblems.Should().ContainSingle().Which.Field.Should().Be("overrides[0]");
        document.ToJsonString().Should().Be(before, "a refused override changes nothing");
    }
}
