using System.Reflection;
using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Plugins;

namespace Cuvis.Sandbox.Worker.NodeTests.Nodes;

public class BuiltinNodesTests
{
    [Fact]
    public void List_NewSession_ShowsEveryBuiltinWithSourceBuiltin()
    {
        var nodes = new NodeCatalog(new PluginRegistry(), BuiltinNodes.Types).List();

        nodes.Select(node => node.ClassName).Should().Equal(
            "HyperspectralInput", "MinMaxNormalizer", "ZScoreNormalizer", "BandpassByWavelength", "FalseRgbSelector",
            "RXPerBatch", "ScoreToLogit", "BinaryDecider", "QuantileBinaryDecider");
        nodes.Should().OnlyContain(node => node.Source == NodeSource.Builtin && node.PluginName == "");
        nodes.Select(node => node.ToProto().Source).Should().AllBe("builtin");
        nodes.Should().OnlyContain(node => node.FullPath.StartsWith("Cuvis.Sandbox.Worker.Nodes.Builtins.", StringComparison.Ordinal));
    }

    [Fact]
    public void ToProto_EveryBuiltin_CarriesItsOwnCategoryAndTags()
    {
        var nodes = new NodeCatalog(new PluginRegistry(), BuiltinNodes.Types).List();

        var listed = nodes.ToProto().Nodes.ToDictionary(
            node => node.ClassName, node => $"{node.Category}: {string.Join(", ", node.Tags)}");

        listed.Should().Equal(new Dictionary<string, string>
        {
            ["HyperspectralInput"] = "Source: Hyperspectral, Image, Mask",
            ["MinMaxNormalizer"] = "Transform: Hyperspectral, Preprocessing, Normalization",
            ["ZScoreNormalizer"] = "Transform: Hyperspectral, Preprocessing, Normalization",
            ["BandpassByWavelength"] = "Transform: Hyperspectral, Preprocessing",
            ["FalseRgbSelector"] = "Transform: Hyperspectral, Rgb, DimReduction",
            ["RXPerBatch"] = "Transform: Hyperspectral, Anomaly, Inference",
            ["ScoreToLogit"] = "Transform: Anomaly, Postprocessing",
            ["BinaryDecider"] = "Transform: Anomaly, Mask, Postprocessing",
            ["QuantileBinaryDecider"] = "Transform: Anomaly, Mask, Postprocessing",
        });
    }

    [Fact]
    public void Types_Every_IsAValidNodeWithDescribedPorts()
    {
        foreach (var type in BuiltinNodes.Types)
        {
            NodeTypeRules.FindProblem(type).Should().BeNull(type.Name);
            var inputs = NodePorts.InputsOf(type);
            var outputs = NodePorts.OutputsOf(type);
            inputs.Should().NotBeEmpty(type.Name);
            outputs.Should().NotBeEmpty(type.Name);
            inputs.Concat(outputs).Should().OnlyContain(port => port.Description.Length > 0, "{0} describes every port", type.Name);
        }
    }

    [Fact]
    public void Constructors_Parameters_AreTheCamelCaseParamsAPipelineBinds()
    {
        var parameters = BuiltinNodes.Types.ToDictionary(
            type => type.Name,
            type => string.Join(", ", type.GetConstructors().Single().GetParameters().Select(Describe)));

        parameters.Should().Equal(new Dictionary<string, string>
        {
            ["HyperspectralInput"] = "",
            ["MinMaxNormalizer"] = "perChannel = False, outputMin = 0, outputMax = 1",
            ["ZScoreNormalizer"] = "perChannel = False, epsilon = 1E-08",
            ["BandpassByWavelength"] = "minWavelength, maxWavelength",
            ["FalseRgbSelector"] = "redNm = 650, greenNm = 550, blueNm = 450",
            ["RXPerBatch"] = "rcond = 1E-10",
            ["ScoreToLogit"] = "scale = 1, bias = 0",
            ["BinaryDecider"] = "threshold = 0",
            ["QuantileBinaryDecider"] = "quantile = 0.995",
        });
    }

    [Fact]
    public void AcceptedInputDTypes_EveryNodeThatWidensAPort_StillAcceptsTheDeclaredDType()
    {
        foreach (var type in BuiltinNodes.Types.Where(type => type.IsAssignableTo(typeof(IAcceptsDTypes))))
        {
            var node = (IAcceptsDTypes)Activator.CreateInstance(type)!;
            foreach (var port in NodePorts.InputsOf(type))
            {
                node.AcceptedInputDTypes(port.Name).Should().Contain(port.DType, "{0}.{1} is declared {2}", type.Name, port.Name, port.DType);
            }
        }
    }

    private static string Describe(ParameterInfo parameter) =>
        parameter.HasDefaultValue
            ? $"{parameter.Name} = {Convert.ToString(parameter.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)}"
            : parameter.Name!;
}
