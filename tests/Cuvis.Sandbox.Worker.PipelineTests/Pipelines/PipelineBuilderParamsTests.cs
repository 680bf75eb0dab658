using Cuvis.Sandbox.Worker.PipelineTests.TestNodes;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineBuilderParamsTests
{
    [Fact]
    public void Build_SnakeCaseParams_BindAndConvertEveryKind()
    {
        var node = BuildNode("""
            band_a: 0.25
            count: -7
            min_wavelength: 1e3
            enabled: False
            label: 42
            mode: max_pool
            bands: [1, 2, 3]
            scale: 2
            big: 9000000000
            note: null
            modes: [MEDIAN, mean]
            """);

        node.Should().BeEquivalentTo(new
        {
            BandA = 0.25f,
            Count = -7,
            MinWavelength = 1000.0,
            Enabled = false,
            Label = "42",
            Mode = ReductionMode.MaxPool,
            Bands = new[] { 1, 2, 3 },
            Scale = 2f,
            Big = 9_000_000_000L,
            Note = (string?)null,
            Modes = new[] { ReductionMode.Median, ReductionMode.Mean },
        });
    }

    [Fact]
    public void Build_CamelCaseParamsAndJsonNumbers_Bind()
    {
        var pipeline = BuildValid("""{"nodes":[{"name":"p","class":"ParamsNode","params":{"bandA":1.5,"count":3,"bands":[]}}]}""");

        var node = (ParamsNode)pipeline.Nodes[0].Instance;
        node.BandA.Should().Be(1.5f);
        node.Bands.Should().BeEmpty();
    }

    [Fact]
    public void Build_OmittedOptionalParams_TakeTheirDefaults()
    {
        var node = BuildNode("{band_a: 1, count: 2}");

        node.Should().BeEquivalentTo(new
        {
            MinWavelength = 400.0,
            Enabled = true,
            Label = "none",
            Mode = ReductionMode.Mean,
            Bands = (int[]?)null,
            Scale = (float?)null,
            Big = 0L,
        });
    }

    [Theory]
    [InlineData("5.0", 5)]
    [InlineData("1e3", 1000)]
    [InlineData("-2.5E1", -25)]
    [InlineData("-0.0", 0)]
    [InlineData("2147483647.000", int.MaxValue)]
    public void Build_WholeNumberWrittenWithAFractionOrExponent_BindsToAnInteger(string count, int expected)
    {
        BuildNode($"{{band_a: 1, count: {count}}}").Count.Should().Be(expected, "JSON Schema's integer, and Python's json.dumps(5.0), write whole numbers so");
    }

    [Fact]
    public void Build_YamlSpecialFloat_Binds()
    {
        BuildNode("{band_a: -.inf, count: 0}").BandA.Should().Be(float.NegativeInfinity);
    }

    [Fact]
    public void Build_UnknownParam_NamesNodeParamAndAcceptedParameters()
    {
        var problems = ParamProblems("{band_a: 1, count: 2, treshold: 0.5}");

        problems.Should().ContainSingle().Which.Should()
            .Contain("node 'p': unknown param 'treshold'")
            .And.Contain("accepted parameters: bandA (float), count (int), minWavelength (double, optional)");
    }

    [Fact]
    public void Build_MissingRequiredParams_NameEachParameterAndType()
    {
        var problems = ParamProblems("{}");

        problems.Should().BeEquivalentTo(
            "node 'p': missing required param 'bandA' (float) for class ParamsNode.",
            "node 'p': missing required param 'count' (int) for class ParamsNode.");
    }

    [Fact]
    public void Build_SameParameterTwice_Reported()
    {
        var problems = ParamProblems("{band_a: 1, bandA: 2, count: 1}");

        problems.Should().ContainSingle().Which.Should().Contain("params 'band_a' and 'bandA' both set parameter 'bandA'");
    }

    [Theory]
    [InlineData("band_a: abc, count: 1", "param 'band_a' expects float, got 'abc'")]
    [InlineData("band_a: 1e39, count: 1", "param 'band_a' expects float, got '1e39' (out of range for float")]
    [InlineData("band_a: 1, count: 1.5", "param 'count' expects int, got '1.5' (not a whole number)")]
    [InlineData("band_a: 1, count: 1e-30", "param 'count' expects int, got '1e-30' (not a whole number)")]
    [InlineData("band_a: 1, count: 2147483647.5", "param 'count' expects int, got '2147483647.5' (not a whole number)")]
    [InlineData("band_a: 1, count: 2.147483648e9", "param 'count' expects int, got '2.147483648e9' (out of range for int (-2147483648 to 2147483647))")]
    [InlineData("band_a: 1, count: 1e300", "param 'count' expects int, got '1e300' (out of range for int (-2147483648 to 2147483647))")]
    [InlineData("band_a: 1, count: 3000000000", "param 'count' expects int, got '3000000000' (out of range for int (-2147483648 to 2147483647))")]
    [InlineData("band_a: 1, count: 99999999999999999999999999999999999999999", "param 'count' expects int, got '99999999999999999999999999999999999999999' (out of range for int (-2147483648 to 2147483647))")]
    [InlineData("band_a: 1, count: -99999999999999999999999999999999999999999", "param 'count' expects int, got '-99999999999999999999999999999999999999999' (out of range for int (-2147483648 to 2147483647))")]
    [InlineData("band_a: 1, count: '1,000'", "param 'count' expects int, got '1,000'")]
    [InlineData("band_a: 1, count: null", "param 'count' expects int, got null")]
    [InlineData("band_a: 1, count: 1, enabled: yes", "param 'enabled' expects bool, got 'yes' (use true or false)")]
    [InlineData("band_a: 1, count: 1, mode: average", "param 'mode' expects ReductionMode, got 'average' (use one of Mean, Median, MaxPool)")]
    [InlineData("band_a: 1, count: 1, mode: 1", "param 'mode' expects ReductionMode, got '1'")]
    [InlineData("band_a: 1, count: 1, bands: 3", "param 'bands' expects int[], got '3' (give a list")]
    [InlineData("band_a: 1, count: 1, bands: [1, x, 3]", "param 'bands' expects int[], got [1, x, 3] (element 1 is 'x')")]
    [InlineData("band_a: 1, count: 1, label: [a, b]", "param 'label' expects string, got [a, b]")]
    [InlineData("band_a: 1, count: 1, label: null", "param 'label' expects string, got null (null is not allowed here)")]
    [InlineData("band_a: 1, count: 1, label: {a: 1}", "param 'label' expects string, got a mapping")]
    public void Build_MistypedParam_NamesNodeParamExpectedTypeAndValue(string parameters, string expected)
    {
        var problems = ParamProblems($"{{{parameters}}}");

        problems.Should().ContainSingle().Which.Should().Contain($"node 'p': {expected}");
    }

    [Fact]
    public void Build_ConstructorRejectsArgument_ReportsItsMessage()
    {
        var problems = Problems("nodes: [{name: v, class: ValidatingNode, params: {threshold: 1.5}}]");

        problems.Should().ContainSingle().Which.Should().StartWith("node 'v': threshold must lie between 0 and 1");
    }

    [Fact]
    public void Build_ConstructorThrowsOtherException_ReportsTypeAndMessage()
    {
        var problems = Problems("nodes: [{name: e, class: ExplodingConstructorNode}]");

        problems.Should().ContainSingle().Which.Should()
            .Be($"node 'e': the constructor of {typeof(ExplodingConstructorNode).FullName} threw InvalidOperationException: licence file not found");
    }

    private static ParamsNode BuildNode(string parameters) =>
        (ParamsNode)BuildValid($"nodes: [{{name: p, class: ParamsNode, params: {Flow(parameters)}}}]").Nodes[0].Instance;

    private static IReadOnlyList<string> ParamProblems(string parameters) =>
        Problems($"nodes: [{{name: p, class: ParamsNode, params: {Flow(parameters)}}}]");

    // Block-style params become a flow mapping, so every test reads as the YAML a user writes.
    private static string Flow(string parameters) =>
        parameters.TrimStart().StartsWith('{') ? parameters : $"{{{string.Join(", ", parameters.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}}}";
}
