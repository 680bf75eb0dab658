using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.PluginTests.Nodes;
using ContractDType = Cuvis.Sandbox.Contracts.DType;
using ContractNodeCategory = Cuvis.Sandbox.Contracts.NodeCategory;
using ContractNodeTag = Cuvis.Sandbox.Contracts.NodeTag;
using ProtoDType = Cuvis.Sandbox.Protos.V1.DType;
using ProtoNodeCategory = Cuvis.Sandbox.Protos.V1.NodeCategory;
using ProtoNodeTag = Cuvis.Sandbox.Protos.V1.NodeTag;

namespace Cuvis.Sandbox.Worker.PluginTests.Grpc;

public sealed class ProtoMappingTests
{
    public static TheoryData<ContractDType> DTypes => [.. Enum.GetValues<ContractDType>()];

    [Theory]
    [MemberData(nameof(DTypes))]
    public void ToProto_DType_KeepsItsNumberAndName(ContractDType dtype)
    {
        var proto = dtype.ToProto();

        ((int)proto).Should().Be((int)dtype);
        // protoc spells UINT8 as Uint8, the contracts say UInt8: the same name but for case.
        proto.ToString().Should().BeEquivalentTo(dtype.ToString());
    }

    [Fact]
    public void ToProto_Node_FillsEveryNodeInfoField()
    {
        var node = NodeDescriptor.Describe(typeof(TestBuiltinNode), NodeSource.Builtin, "");

        var info = node.ToProto();

        info.ClassName.Should().Be(nameof(TestBuiltinNode));
        info.FullPath.Should().Be(typeof(TestBuiltinNode).FullName);
        info.Source.Should().Be("builtin");
        info.PluginName.Should().BeEmpty();
        info.InputSpecs.Keys.Should().BeEquivalentTo("cube", "mask");
        var cube = info.InputSpecs["cube"];
        (cube.Name, cube.Dtype, cube.Optional, cube.Description).Should().Be(("cube", ProtoDType.Uint16, false, "Raw counts, NHWC."));
        cube.Shape.Should().Equal(1, -1, -1, -1);
        info.InputSpecs["mask"].Optional.Should().BeTrue();
        var mean = info.OutputSpecs.Should().ContainSingle().Which;
        mean.Key.Should().Be("mean");
        (mean.Value.Dtype, mean.Value.Shape.Count).Should().Be((ProtoDType.Float32, 0));
    }

    [Fact]
    public void ToProto_NodeWithMetadata_CarriesCategoryTagsInOrderIconAndVariadic()
    {
        var node = NodeDescriptor.Describe(typeof(TaggedFanInNode), NodeSource.Plugin, "viz");

        var info = node.ToProto();

        info.Category.Should().Be(ProtoNodeCategory.Visualizer);
        info.Tags.Should().Equal(ProtoNodeTag.Rgb, ProtoNodeTag.Image);
        info.IconSvg.ToStringUtf8().Should().Be(TaggedFanInNode.Icon);
        info.InputSpecs["layers"].Variadic.Should().BeTrue();
        info.InputSpecs["alpha"].Variadic.Should().BeFalse();
        info.OutputSpecs["overlay"].Variadic.Should().BeFalse();
    }

    [Fact]
    public void ToProto_NodeWithoutMetadata_LeavesCategoryTagsAndIconUnset()
    {
        var info = NodeDescriptor.Describe(typeof(TestBuiltinNode), NodeSource.Builtin, "").ToProto();

        info.Category.Should().Be(ProtoNodeCategory.Unspecified);
        info.Tags.Should().BeEmpty();
        info.IconSvg.IsEmpty.Should().BeTrue();
        info.InputSpecs.Values.Should().OnlyContain(port => !port.Variadic);
    }

    [Fact]
    public void ToProto_NodeCategory_EveryValueKeepsItsNumberAndName()
    {
        var values = Enum.GetValues<ContractNodeCategory>();

        values.Should().HaveCount(Enum.GetValues<ProtoNodeCategory>().Length);
        values.Select(value => (Number: (int)value.ToProto(), Name: value.ToProto().ToString()))
            .Should().Equal(values.Select(value => (Number: (int)value, Name: value.ToString())));
    }

    [Fact]
    public void ToProto_NodeTag_EveryValueKeepsItsNumberAndName()
    {
        var values = Enum.GetValues<ContractNodeTag>();

        values.Should().HaveCount(Enum.GetValues<ProtoNodeTag>().Length);
        values.Select(value => (Number: (int)value.ToProto(), Name: value.ToProto().ToString()))
            .Should().Equal(values.Select(value => (Number: (int)value, Name: value.ToString())));
    }

    [Fact]
    public void ToProto_PluginSource_IsTheWireWord()
    {
        NodeSource.Plugin.ToProto().Should().Be("plugin");
    }
}
