using Cuvis.Sandbox.Supervisor.Visualization;

namespace Cuvis.Sandbox.Supervisor.Tests.Visualization;

public sealed class DotWriterTests
{
    [Fact]
    public void Write_Pipeline_BoxPerNodeAndPortLabelledEdges()
    {
        var graph = PipelineGraphReader.Read("nodes:\n  - {name: input, class: HyperspectralInput}\n  - {name: rx, class: RXPerBatch}\nconnections:\n  - {from: input.outputs.cube, to: rx.inputs.data}\n"u8, "config_content");

        var dot = DotWriter.Write(graph);

        dot.Should().Contain("n0 [label=\"input\\nHyperspectralInput\"]").And.Contain("n0 -> n1 [label=\"cube → data\"]");
    }

    [Theory]
    [InlineData("a\"];evil[label=\"x", "a\\\"];evil[label=\\\"x")]
    [InlineData("back\\N\\l", "back\\\\N\\\\l")]
    [InlineData("line\nbreak\r", "line break ")]
    [InlineData("<b>html</b>&", "&lt;b&gt;html&lt;/b&gt;&amp;")]
    public void Escape_HostileText_StaysInsideTheQuotedString(string text, string expected) =>
        DotWriter.Escape(text).Should().Be(expected);

    [Fact]
    public void Read_TooManyNodes_InvalidArgumentNamingTheLimit()
    {
        var yaml = "nodes:\n" + string.Concat(Enumerable.Range(0, PipelineGraphReader.MaxNodes + 1).Select(i => $"  - {{name: n{i}, class: C}}\n"));

        var read = () => PipelineGraphReader.Read(System.Text.Encoding.UTF8.GetBytes(yaml), "config_content");

        read.Should().Throw<InvalidVisualizationRequestException>().WithMessage("*more than the 500*");
    }

    [Fact]
    public void Read_ConnectionToUnknownNode_Refused() =>
        ((Action)(() => PipelineGraphReader.Read("nodes: [{name: a, class: C}]\nconnections: [{from: a.outputs.x, to: b.inputs.y}]"u8, "config")))
            .Should().Throw<InvalidVisualizationRequestException>().WithMessage("*'b'*");

    [Theory]
    [InlineData("nodes: [{name: a, class: C}\n", "*not valid YAML*")]
    [InlineData("nodes: []\n---\nnodes: []\n", "*2 YAML documents*")]
    [InlineData("- {name: a, class: C}\n", "*one YAML mapping*")]
    [InlineData("nodes: [{name: a}]\n", "*nodes[0] needs a 'name' and a 'class'*")]
    [InlineData("nodes: [{name: a, class: C}, {name: a, class: D}]\n", "*repeats the node name 'a'*")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nnodes: []\n", "*YAML aliases are expanded*")]
    public void Read_MalformedDocument_RefusedSayingWhy(string yaml, string message) =>
        ((Action)(() => PipelineGraphReader.Read(System.Text.Encoding.UTF8.GetBytes(yaml), "config_content")))
            .Should().Throw<InvalidVisualizationRequestException>().WithMessage("The pipeline document cannot be drawn: " + message)
            .Which.FieldProblems.Should().ContainSingle(p => p.Field == "config_content");

    [Fact]
    public void Read_PlainScalarNames_KeptAsWritten() =>
        PipelineGraphReader.Read("nodes: [{name: 7, class: C}, {name: 'true', class: D}]\nconnections: [{from: 7.outputs.x, to: true.inputs.y}]"u8, "config")
            .Nodes.Select(n => n.Name).Should().Equal("7", "true");

    [Fact]
    public void Spec_Graphviz_NoNetworkAndSmallCgroup()
    {
        var spec = SandboxedGraphvizRenderer.Spec(new VisualizationOptions(), VisualizationFormat.Svg);

        spec.Network.Should().BeFalse();
        spec.Command.Should().Equal("/usr/bin/dot", "-Tsvg");
        spec.Mounts.Should().OnlyContain(m => !m.Writable);
        spec.Limits.PidsMax.Should().BeLessThanOrEqualTo(16);
    }
}
