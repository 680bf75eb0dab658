using System.Text;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class SinglePluginManifestParserTests
{
    private const string Yaml = """
        name: spectral_tools
        repo: https://example.com/org/spectral-tools.git
        tag: "  v1.2.3 "
        package_name: cuvis-ai-spectral-tools
        capabilities:
          - class_name: Spectral.Tools.Threshold
            category: transform
            tags: [hyperspectral, fast]
            icon_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>'
            input_specs:
              data: {dtype: float32, shape: [-1, -1, -1, -1], optional: false, description: the cube}
            output_specs:
              mask: {dtype: bool, shape: [-1, -1, -1, 1]}
            doc_summary: Thresholds a cube.
          - class_name: Spectral.Tools.Merge
            input_specs:
              parts: {variadic: true}
        """;

    private static SinglePluginManifest Parse(string text) => SinglePluginManifestParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Parse_UpstreamsYamlGitManifest_GivesATagOnlyGitSpecProvidingTheNodeClasses()
    {
        var manifest = Parse(Yaml);

        manifest.Spec.Should().BeOfType<GitPluginSpec>().Which.Should().Match<GitPluginSpec>(s =>
            s.Name == "spectral_tools" && s.Repo == "https://example.com/org/spectral-tools.git" && s.GitRef == "v1.2.3" && s.TagOnly);
        manifest.Spec.Provides.Should().Equal("Spectral.Tools.Threshold", "Spectral.Tools.Merge");
        manifest.PackageName.Should().Be("cuvis-ai-spectral-tools");
        manifest.Capabilities[0].Should().Match<ManifestCapability>(c => c.Category == "transform" && c.Kind == "node" && c.DocSummary == "Thresholds a cube.");
        manifest.Capabilities[0].Tags.Should().Equal("hyperspectral", "fast");
        manifest.Capabilities[0].InputPorts.Should().Equal("data");
        manifest.Capabilities[0].OutputPorts.Should().Equal("mask");
        manifest.Capabilities[1].Category.Should().Be("unspecified");
        manifest.DataModules.Should().BeEmpty();
    }

    [Fact]
    public void Parse_TheSameManifestAsJson_GivesTheSameSpec()
    {
        var json = Parse("""
            {"name": "local_tools", "path": "/srv/plugins/local-tools",
             "capabilities": [{"class_name": "Local.Tools.Node", "kind": "node", "input_specs": {"x": {"shape": [1, 2], "variadic": false}}}]}
            """);

        json.Spec.Should().BeOfType<LocalPluginSpec>().Which.Path.Should().Be("/srv/plugins/local-tools");
        json.Spec.Provides.Should().Equal("Local.Tools.Node");
    }

    [Fact]
    public void Parse_AYamlFlowMapping_WhichStartsAsJsonDoes_IsReadAsYaml()
    {
        var manifest = Parse("{name: flow, path: /srv/flow, capabilities: [{class_name: Flow.Node}]}");

        manifest.Spec.Should().BeOfType<LocalPluginSpec>().Which.Path.Should().Be("/srv/flow");
    }

    [Fact]
    public void Parse_DataModuleCapability_IsReadButNotProvided()
    {
        var manifest = Parse("""
            name: with_data
            path: /srv/p
            capabilities:
              - {class_name: P.Nodes.A}
              - {class_name: P.Data.Loader, kind: data_module, data_module_name: loader, extras: [cu3s]}
            """);

        manifest.Spec.Provides.Should().Equal("P.Nodes.A");
        manifest.DataModules.Should().ContainSingle().Which.DataModuleName.Should().Be("loader");
    }

    [Theory]
    [InlineData("", "empty", "manifest.config_bytes")]
    [InlineData("[1, 2]", "not a mapping", "manifest.config_bytes")]
    [InlineData("{\"name\": ", "not valid JSON", "manifest.config_bytes")]
    [InlineData("name: a\nname: b\n", "not valid YAML", "manifest.config_bytes")]
    [InlineData("name: a\n---\nname: b\n", "2 YAML documents", "manifest.config_bytes")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B}]\nversion: 2\n", "unknown key(s) 'version'", "version")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, colour: red}]\n", "unknown key(s) 'capabilities[0].colour'", "capabilities[0].colour")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, input_specs: {x: {dtype: f, rank: 4}}}]\n", "'capabilities[0].input_specs.x.rank'", "capabilities[0].input_specs.x.rank")]
    [InlineData("name: 1st\npath: /x\ncapabilities: [{class_name: A.B}]\n", "not an identifier", "name")]
    [InlineData("path: /x\ncapabilities: [{class_name: A.B}]\n", "'name' is missing", "name")]
    [InlineData("name: p\ncapabilities: [{class_name: A.B}]\n", "names no source", "repo")]
    [InlineData("name: p\npath: /x\nrepo: https://h/r.git\ntag: v1\ncapabilities: [{class_name: A.B}]\n", "both 'path' and 'repo'", "path")]
    [InlineData("name: p\nrepo: https://h/r.git\ncapabilities: [{class_name: A.B}]\n", "'tag' is missing", "tag")]
    [InlineData("name: p\nrepo: https://h/r.git\ntag: ' '\ncapabilities: [{class_name: A.B}]\n", "'tag' is blank", "tag")]
    [InlineData("name: p\npath: ../plugin\ncapabilities: [{class_name: A.B}]\n", "not absolute", "path")]
    [InlineData("name: p\npath: /x\ncapabilities: []\n", "non-empty list", "capabilities")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: Node}]\n", "not a fully-qualified dotted class name", "capabilities[0].class_name")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: a..B}]\n", "not a fully-qualified dotted class name", "capabilities[0].class_name")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, kind: model}]\n", "takes 'node' (the default) or 'data_module'", "capabilities[0].kind")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, extras: [gpu]}]\n", "is a node but sets", "capabilities[0].kind")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, kind: data_module}]\n", "without the 'data_module_name'", "capabilities[0].data_module_name")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, category: filter}]\n", "one of unspecified, source, sink, transform", "capabilities[0].category")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, tags: rgb}]\n", "a list of strings", "capabilities[0].tags")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, input_specs: {x: {optional: 'yes'}}}]\n", "true or false", "capabilities[0].input_specs.x.optional")]
    [InlineData("name: p\npath: /x\ncapabilities: [{class_name: A.B, input_specs: {x: {shape: [a]}}}]\n", "list of integers", "capabilities[0].input_specs.x.shape")]
    [InlineData("name: [p]\npath: /x\ncapabilities: [{class_name: A.B}]\n", "is a list, not a string", "name")]
    public void Parse_ManifestUpstreamWouldRefuse_ThrowsNamingTheProblemAndTheKeyAtFault(string text, string problem, string field)
    {
        var parse = () => Parse(text);

        var error = parse.Should().Throw<InvalidManifestException>().Which;
        error.Message.Should().StartWith("Invalid plugin manifest: ").And.Contain(problem).And.Contain("LoadPlugin expects one plugin");
        error.FieldProblems.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Parse_BillionLaughsAliases_IsRefusedBeforeItIsExpanded()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            text.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var parse = () => Parse(text.ToString());

        parse.Should().Throw<InvalidManifestException>().WithMessage("*more than 100,000 values once its YAML aliases are expanded*");
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRefusedNamingTheByte()
    {
        var parse = () => SinglePluginManifestParser.Parse(new byte[] { (byte)'n', 0xff, (byte)':' });

        parse.Should().Throw<InvalidManifestException>().WithMessage("*not valid UTF-8 (byte 1); send the manifest as UTF-8 JSON or YAML*");
    }
}
