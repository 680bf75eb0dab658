using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Pipelines;
using static Cuvis.Sandbox.Worker.PipelineTests.Infrastructure.TestPipelines;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

/// <summary>A refused run names the request field of each problem: the batch field or extra input, or the selector's position.</summary>
public sealed class PipelineRunFieldTests
{
    [Fact]
    public void Run_MissingInputs_NameEachMissingFieldOnceWithTheWholeSentence()
    {
        var pipeline = BuildValid("nodes: [{name: add, class: AddNode}, {name: mean, class: MaskedMeanNode}, {name: other, class: MaskedMeanNode}]");

        var refused = Refuse(pipeline, [], []);

        refused.Problems.Select(problem => problem.Field).Should().Equal("inputs.extra_inputs[\"x\"]", "inputs.cube");
        refused.Problems.Should().OnlyContain(problem => problem.Description == refused.Message);
    }

    [Fact]
    public void Run_TensorsThatDoNotFit_NameTheFieldEachCameIn()
    {
        var pipeline = BuildValid("nodes: [{name: m, class: MaskedMeanNode}, {name: add, class: AddNode}]");

        var refused = Refuse(pipeline, [("cube", Tensor.Create<double>(1, 2, 2, 3)), ("mask", Tensor.Create<byte>(1, 2, 2)), ("add.x", Tensor.Create<int>(2))], []);

        refused.Problems.Select(problem => problem.Field).Should().Equal("inputs.cube", "inputs.mask", "inputs.extra_inputs[\"add.x\"]");
        refused.Message.Should().Be(string.Join(" ", refused.Problems.Select(problem => problem.Description)));
    }

    [Fact]
    public void Run_UnknownSelectorsAndAMissingInput_NameTheSelectorsByPositionAfterTheInput()
    {
        var pipeline = BuildValid("nodes: [{name: m, class: MaskedMeanNode}]");

        var refused = Refuse(pipeline, [], ["m.mean", "a.z", "nope"]);

        refused.Problems.Select(problem => problem.Field).Should().Equal("inputs.cube", "output_specs[1]", "output_specs[2]");
        refused.Problems[0].Description.Should().StartWith("Missing required input: 'cube' for node 'm'");
        refused.Problems[1].Description.Should().StartWith("Unknown output selector 'a.z'");
        refused.Message.Should().Be(string.Join(" ", refused.Problems.Select(problem => problem.Description)));
    }

    [Fact]
    public void Input_NameWithQuotes_IsEscapedInTheMapKey() =>
        ProblemFields.Input("say \"hi\"\\").Should().Be("inputs.extra_inputs[\"say \\\"hi\\\"\\\\\"]");

    private static PipelineInputException Refuse(Pipeline pipeline, (string Name, Tensor Tensor)[] inputs, string[] selectors)
    {
        var run = () => pipeline.Run(inputs.ToDictionary(input => input.Name, input => input.Tensor), selectors, CancellationToken.None);
        return run.Should().Throw<PipelineInputException>().Which;
    }
}
