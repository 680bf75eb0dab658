using System.Text.Json;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using Cuvis.Sandbox.Worker.Schemas;

namespace Cuvis.Sandbox.Worker.PipelineTests.Schemas;

/// <summary>What a session's worker answers for each config_type: the document, a class, refusals, and the limits a hostile plugin meets.</summary>
public sealed class ParameterSchemasTests
{
    [Theory]
    [InlineData("training", "training-free")]
    [InlineData("", "config_type is empty")]
    [InlineData("ParamsNod", "Did you mean 'ParamsNode'?")]
    [InlineData("pipline", "Did you mean 'pipeline'?")]
    [InlineData("Cuvis.Sandbox.Worker.PipelineTests.TestNodes.ParamNode", "Did you mean 'Cuvis.Sandbox.Worker.PipelineTests.TestNodes.ParamsNode'")]
    [InlineData("DupNode", "names 2 node classes")]
    public void Describe_NeitherPipelineNorOneClass_IsRefusedNamingConfigType(string configType, string expected)
    {
        var describe = () => TestSchemas.Create().Describe(configType);

        var refused = describe.Should().Throw<UnknownConfigTypeException>().Which;
        refused.Message.Should().Contain(expected);
        refused.Problems.Should().ContainSingle().Which.Field.Should().Be("config_type");
    }

    [Fact]
    public void Describe_AClassByItsShortOrFullName_GivesTheSameSchema()
    {
        TestSchemas.Create().Describe(typeof(ParamsNode).FullName!).Should().Be(TestSchemas.Create().Describe("ParamsNode"));
    }

    [Fact]
    public void Pipeline_ListsEachClassByTheNamesThatResolveToIt_AndLeavesOutAmbiguousShortNames()
    {
        var names = TestSchemas.Json("pipeline")["$defs"]!["node"]!["properties"]!["class"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        names.Should().Contain(["ParamsNode", typeof(ParamsNode).FullName!, typeof(TestNodes.Alpha.DupNode).FullName!, typeof(TestNodes.Beta.DupNode).FullName!]);
        names.Should().NotContain("DupNode", "two classes have that short name; LoadPipeline refuses it as ambiguous");
    }

    [Theory]
    [InlineData("""{"nodes": [{"name": "p", "class": "ParamsNode", "params": {"band_a": 1, "count": 2}}]}""", true)]
    [InlineData("""{"metadata": {"name": "n", "tags": ["a"], "author": null}, "nodes": [{"name": "s", "class": "SumNode"}], "connections": null}""", true)]
    [InlineData("""{"nodes": [{"name": "a", "class": "AddNode", "params": {"delta": 2}}, {"name": "s", "class": "SumNode"}], "connections": [{"from": "a.outputs.y", "to": "s.inputs.x"}]}""", true)]
    [InlineData("""{"nodes": [{"name": "p", "class": "ParamsNode"}]}""", false)]
    [InlineData("""{"nodes": [{"name": "p", "class": "ParamsNode", "params": null}]}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "SumNode", "params": {"x": 1}}]}""", false)]
    [InlineData("""{"nodes": []}""", false)]
    [InlineData("""{"nodes": [{"name": "1s", "class": "SumNode"}]}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "SumNode", "colour": "red"}]}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "NoSuchNode"}]}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "SumNode"}, {"name": "a", "class": "AddNode"}], "connections": [{"from": "a.y", "to": "s.inputs.x"}]}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "SumNode"}], "metadata": {"version": 2}}""", false)]
    [InlineData("""{"nodes": [{"name": "s", "class": "SumNode"}], "pipelines": []}""", false)]
    public void Pipeline_TheSchemaAndTheBuilder_AgreeOnADocumentsStructureAndParams(string document, bool builds)
    {
        var (valid, errors) = TestSchemas.Evaluate(TestSchemas.Schema("pipeline"), document);
        var problems = TestPipelines.Build(document).Problems;

        valid.Should().Be(builds, errors);
        (problems.Count == 0).Should().Be(builds, string.Join("; ", problems.Select(problem => problem.Description)));
    }

    [Fact]
    public void Pipeline_WithoutASession_TakesAnyClassAndParams()
    {
        var schema = Json.Schema.JsonSchema.FromText(ConfigSchemas.Serialize(ConfigSchemas.PipelineDocument()));

        TestSchemas.Evaluate(schema, """{"nodes": [{"name": "s", "class": "NoSuchNode", "params": {"x": [1]}}]}""").Valid.Should().BeTrue();
    }

    [Fact]
    public void AClassPastTheParameterLimit_IsRefused_AndLeftFreeInThePipeline()
    {
        var wide = HostileNodeTypes.Node("Wide", [.. Enumerable.Repeat(typeof(int), 10_000)], i => $"p{i}");
        var types = new[] { typeof(SumNode), wide };

        var describe = () => TestSchemas.Create(types).Describe(wide.FullName!);

        describe.Should().Throw<UndescribableNodeClassException>().WithMessage("*10000 parameters, more than the 256*");
        var pipeline = TestSchemas.Json("pipeline", types);
        pipeline["x-cuvis-unchecked"]!.AsArray().Should().ContainSingle().Which!.GetValue<string>().Should().Contain(wide.FullName!);
        TestSchemas.Evaluate(TestSchemas.Schema("pipeline", types), $$$"""{"nodes": [{"name": "w", "class": "{{{wide.Name}}}", "params": {"p0": 1}}]}""")
            .Valid.Should().BeTrue("its params are free, not refused");
    }

    [Fact]
    public void HugeNamesAndEnums_KeepEveryAnswerWithinTheLimit()
    {
        var longNames = HostileNodeTypes.Node("LongNames", [.. Enumerable.Repeat(typeof(int), 200)], i => new string('x', 2000) + i);
        var wideEnum = HostileNodeTypes.Node("WideEnum", [HostileNodeTypes.Enum(5000)], _ => "mode");
        var many = Enumerable.Range(0, 400).Select(i => HostileNodeTypes.Node("Many" + new string('M', 1000), [typeof(int)], _ => "value")).ToArray();
        Type[] types = [typeof(SumNode), longNames, wideEnum, .. many];
        var schemas = TestSchemas.Create(types);

        ((Action)(() => schemas.Describe(longNames.FullName!))).Should().Throw<UndescribableNodeClassException>().WithMessage("*more than the 65536 one class may*");
        ((Action)(() => schemas.Describe(wideEnum.FullName!))).Should().Throw<UndescribableNodeClassException>().WithMessage("*5000 names, more than the 1000*");
        var pipeline = schemas.Describe("pipeline");

        ConfigSchemas.ByteCount(pipeline).Should().BeLessThanOrEqualTo(ConfigSchemas.MaxSchemaBytes);
        using var parsed = JsonDocument.Parse(pipeline);
        var node = parsed.RootElement.GetProperty("$defs").GetProperty("node");
        node.GetProperty("properties").GetProperty("class").TryGetProperty("enum", out _).Should().BeFalse("not every class could be listed");
        parsed.RootElement.GetProperty("x-cuvis-unchecked").EnumerateArray().Last().GetString().Should().Contain("'class' takes any name");
        TestSchemas.Evaluate(TestSchemas.Schema("pipeline", types), """{"nodes": [{"name": "s", "class": "SumNode", "params": {"x": 1}}]}""")
            .Valid.Should().BeFalse("the classes that fit are still described");
    }
}
