using System.Text;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class PluginManifestParserTests
{
    private static IReadOnlyList<ManifestEntry> Parse(string json) => PluginManifestParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_TheWireContractsExample_GivesBothEntriesInOrder()
    {
        var entries = Parse("""{"plugins":{"custom_detector":{"provides":["Detector.Plugin.CustomDetector"],"repo":"git@example.com:org/detector-plugin.git","ref":"v2.0.0"},"dev_plugin":{"provides":["Dev.Plugin.ExperimentalNode"],"path":"/workspace/my-plugin"}}}""");

        entries.Select(e => e.Name).Should().Equal("custom_detector", "dev_plugin");
        entries[0].Spec.Should().Be(new GitPluginSpec("custom_detector", entries[0].Spec!.Provides, "git@example.com:org/detector-plugin.git", "v2.0.0"));
        entries[0].Spec!.Provides.Should().Equal("Detector.Plugin.CustomDetector");
        entries[1].Spec.Should().BeOfType<LocalPluginSpec>().Which.Path.Should().Be("/workspace/my-plugin");
        entries.Should().AllSatisfy(e => e.Error.Should().BeNull());
    }

    [Theory]
    [InlineData("", "empty", "manifest.config_bytes")]
    [InlineData("{", "not valid JSON", "manifest.config_bytes")]
    [InlineData("[]", "not an object", "manifest.config_bytes")]
    [InlineData("{}", "\"plugins\" must be an object", "plugins")]
    [InlineData("{\"plugins\": []}", "\"plugins\" must be an object", "plugins")]
    [InlineData("{\"plugins\": {}, \"version\": 2}", "unknown top-level key(s) \"version\"", "version")]
    [InlineData("{\"plugins\": {\"a\": {\"provides\": [\"A.B\"], \"path\": \"/x\"}, \"a\": {\"provides\": [\"A.B\"], \"path\": \"/y\"}}}", "listed twice", "plugins.a")]
    public void Parse_ManifestThatCannotBeRead_ThrowsNamingTheProblemAndTheFieldAtFault(string json, string problem, string field)
    {
        var parse = () => Parse(json);

        var error = parse.Should().Throw<InvalidManifestException>().Which;
        error.Message.Should().StartWith("Invalid plugin manifest: ").And.Contain(problem);
        error.FieldProblems.Should().ContainSingle().Which.Should().Match<FieldProblem>(p => p.Field == field && p.Description.Contains(problem, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("{\"1st\": {\"provides\": [\"A.B\"], \"path\": \"/x\"}}", "not an identifier")]
    [InlineData("{\"my-plugin\": {\"provides\": [\"A.B\"], \"path\": \"/x\"}}", "not an identifier")]
    [InlineData("{\"p\": 3}", "not an object")]
    [InlineData("{\"p\": {\"provides\": [\"A.B\"]}}", "needs either")]
    [InlineData("{\"p\": {\"provides\": [\"A.B\"], \"path\": \"/x\", \"ref\": \"v1\"}}", "both")]
    [InlineData("{\"p\": {\"provides\": [\"A.B\"], \"repo\": \"https://h/r.git\", \"ref\": \"v1\", \"tag\": \"x\"}}", "unknown key(s) \"tag\"")]
    [InlineData("{\"p\": {\"provides\": [\"A.B\"], \"repo\": \"https://h/r.git\"}}", "needs \"ref\"")]
    [InlineData("{\"p\": {\"provides\": [], \"path\": \"/x\"}}", "non-empty list")]
    [InlineData("{\"p\": {\"provides\": [\"NoDot\"], \"path\": \"/x\"}}", "fully-qualified")]
    [InlineData("{\"p\": {\"provides\": [42], \"path\": \"/x\"}}", "fully-qualified")]
    [InlineData("{\"p\": {\"provides\": [\"A.B\"], \"path\": \"relative/dir\"}}", "must be absolute")]
    public void Parse_InvalidEntry_FailsThatEntryOnlyWithItsReason(string plugins, string reason)
    {
        var entries = Parse("{\"plugins\": {" + plugins[1..^1] + ", \"good\": {\"provides\": [\"A.B\"], \"path\": \"/ok\"}}}");

        entries.Should().HaveCount(2);
        entries[0].Spec.Should().BeNull();
        entries[0].Error.Should().Contain(reason);
        entries[1].Spec.Should().NotBeNull("the other entries still load");
    }

    [Fact]
    public void Parse_MoreEntriesThanTheLimit_RefusesTheManifestNamingTheLimitAndTheSetting()
    {
        var json = Manifest(entries: 4);

        var parse = () => PluginManifestParser.Parse(Encoding.UTF8.GetBytes(json), maxEntries: 3);

        parse.Should().Throw<InvalidManifestException>().Which.Message.Should().StartWith(
            "Invalid plugin manifest: it lists 4 plugins, more than the 3 one manifest may hold (Plugins:MaxManifestEntries); "
            + "load them over several LoadPlugins calls, or ask the operator to raise Plugins:MaxManifestEntries.");
    }

    [Fact]
    public void Parse_AsManyEntriesAsTheLimit_ReadsThemAll() =>
        PluginManifestParser.Parse(Encoding.UTF8.GetBytes(Manifest(entries: 3)), maxEntries: 3).Should().HaveCount(3);

    [Fact]
    public void Parse_WithoutALimit_HoldsToTheDefaultOf64()
    {
        Parse(Manifest(entries: 64)).Should().HaveCount(64);
        FluentActions.Invoking(() => Parse(Manifest(entries: 65)))
            .Should().Throw<InvalidManifestException>().WithMessage("*it lists 65 plugins, more than the 64*");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 13)]
    [InlineData(new byte[] { 0xC0, 0x80 }, 13)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 13)]
    public void Parse_PluginNameThatIsNotUtf8_RefusesTheManifestNamingTheByte(byte[] name, int offset)
    {
        byte[] json = [.. "{\"plugins\":{\""u8, .. name, .. "\":{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}"u8];

        var parse = () => PluginManifestParser.Parse(json);

        parse.Should().Throw<InvalidManifestException>().Which.Message.Should().StartWith(
            $"Invalid plugin manifest: it is not valid UTF-8 (byte {offset}); send the manifest as UTF-8 JSON.");
    }

    [Theory]
    [InlineData("{\"plugins\":{\"\\ud800\":{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}")]
    [InlineData("{\"plugins\":{\"p\":{\"provides\":[\"A.\\udfff\"],\"path\":\"/x\"}}}")]
    [InlineData("{\"plugins\":{\"p\":{\"provides\":[\"A.B\"],\"repo\":\"\\ud800x\",\"ref\":\"v1\"}}}")]
    public void Parse_EscapedLoneSurrogate_RefusesTheManifestNamingTheEscape(string json) =>
        FluentActions.Invoking(() => Parse(json)).Should().Throw<InvalidManifestException>()
            .WithMessage("Invalid plugin manifest: a string holds an escaped lone surrogate (\\uD800-\\uDFFF)*");

    [Fact]
    public void SameOrigin_ComparesTypeSourceAndRef()
    {
        var v1 = new GitPluginSpec("p", ["A.B"], "https://h/r.git", "v1");

        v1.SameOrigin(v1 with { Provides = ["C.D"] }).Should().BeTrue();
        v1.SameOrigin(v1 with { GitRef = "v2" }).Should().BeFalse();
        v1.SameOrigin(new LocalPluginSpec("p", ["A.B"], "https://h/r.git")).Should().BeFalse();
    }

    private static string Manifest(int entries) =>
        "{\"plugins\": {" + string.Join(", ", Enumerable.Range(0, entries).Select(i => $"\"p{i}\": {{\"provides\": [\"A.B\"], \"path\": \"/p{i}\"}}")) + "}}";
}
