namespace Cuvis.Sandbox.Contracts.Tests;

public class NodeMetadataTests
{
    private const string Icon = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"6\"/></svg>";

    [Fact]
    public void Of_DeclaredMetadata_ReadsCategoryTagsInOrderAndIcon()
    {
        var metadata = NodeMetadata.Of(typeof(IconNode));

        metadata.Category.Should().Be(NodeCategory.Transform);
        metadata.Tags.Should().Equal(NodeTag.Normalization, NodeTag.Hyperspectral);
        metadata.IconSvg.Should().Be(Icon);
    }

    [Fact]
    public void Of_NoAttribute_IsUnspecifiedUntaggedWithoutIcon()
    {
        var metadata = NodeMetadata.Of(typeof(PlainNode));

        metadata.Category.Should().Be(NodeCategory.Unspecified);
        metadata.Tags.Should().BeEmpty();
        metadata.IconSvg.Should().BeEmpty();
    }

    [Fact]
    public void Of_DerivedNode_DoesNotInheritMetadata()
    {
        NodeMetadata.Of(typeof(DerivedNode)).Category.Should().Be(NodeCategory.Unspecified);
    }

    [Fact]
    public void Of_Tags_AreAReadOnlyCopyNotTheAttributesArray()
    {
        var metadata = NodeMetadata.Of(typeof(IconNode));

        metadata.Tags.Should().NotBeAssignableTo<NodeTag[]>();
    }

    [Theory]
    [InlineData(typeof(DuplicateTagNode), "*Tag Anomaly is given more than once*")]
    [InlineData(typeof(UnspecifiedTagNode), "*Tag Unspecified is not a NodeTag a node can carry*")]
    [InlineData(typeof(UndefinedTagNode), "*Tag 999 is not a NodeTag*")]
    [InlineData(typeof(UndefinedCategoryNode), "*Category 77 is not a NodeCategory*")]
    [InlineData(typeof(NotSvgNode), "*root element is 'html'*")]
    [InlineData(typeof(BrokenXmlNode), "*not well-formed XML*")]
    [InlineData(typeof(DtdNode), "*not well-formed XML*")]
    public void Of_InvalidDeclaration_ThrowsNamingTheClassAndProblem(Type nodeType, string problem)
    {
        var act = () => NodeMetadata.Of(nodeType);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Node class '{nodeType.FullName}' declares invalid [NodeMetadata].*")
            .WithMessage(problem);
    }

    [Fact]
    public void Of_NotANode_Throws()
    {
        var act = () => NodeMetadata.Of(typeof(string));

        act.Should().Throw<ArgumentException>().WithMessage("*does not derive from*Node*");
    }

    [Fact]
    public void IconSvg_SetToNull_StoresEmpty()
    {
        var attribute = new NodeMetadataAttribute(NodeCategory.Sink) { IconSvg = null! };

        attribute.IconSvg.Should().BeEmpty();
    }

    [Fact]
    public void Enums_Values_AreUpstreamNumbers()
    {
        ((int)NodeCategory.Control).Should().Be(12);
        ((int)NodeTag.Hyperspectral).Should().Be(104);
        ((int)NodeTag.Anomaly).Should().Be(211);
        ((int)NodeTag.Onnx).Should().Be(503);
        Enum.GetValues<NodeCategory>().Should().HaveCount(13);
        Enum.GetValues<NodeTag>().Should().HaveCount(49);
    }

    [NodeMetadata(NodeCategory.Transform, NodeTag.Normalization, NodeTag.Hyperspectral, IconSvg = Icon)]
    private class IconNode : TestNode;

    private sealed class DerivedNode : IconNode;

    private sealed class PlainNode : TestNode;

    [NodeMetadata(NodeCategory.Model, NodeTag.Anomaly, NodeTag.Anomaly)]
    private sealed class DuplicateTagNode : TestNode;

    [NodeMetadata(NodeCategory.Model, NodeTag.Unspecified)]
    private sealed class UnspecifiedTagNode : TestNode;

    [NodeMetadata(NodeCategory.Model, (NodeTag)999)]
    private sealed class UndefinedTagNode : TestNode;

    [NodeMetadata((NodeCategory)77)]
    private sealed class UndefinedCategoryNode : TestNode;

    [NodeMetadata(NodeCategory.Sink, IconSvg = "<html><body/></html>")]
    private sealed class NotSvgNode : TestNode;

    [NodeMetadata(NodeCategory.Sink, IconSvg = "<svg><g></svg>")]
    private sealed class BrokenXmlNode : TestNode;

    [NodeMetadata(NodeCategory.Sink, IconSvg = "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>")]
    private sealed class DtdNode : TestNode;

    private abstract class TestNode : Node
    {
        public override NodeOutputs Forward(NodeInputs inputs, CancellationToken cancellationToken) => new();
    }
}
