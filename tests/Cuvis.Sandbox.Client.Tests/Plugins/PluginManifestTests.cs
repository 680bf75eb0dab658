using System.Text.Json;

namespace Cuvis.Sandbox.Client.Tests.Plugins;

/// <summary>The manifest JSON, against the bytes the wire contract gives (what Pydantic's model_dump_json writes).</summary>
public class PluginManifestTests
{
    private const string WireContractExample =
        """{"plugins":{"custom_detector":{"provides":["Detector.Plugin.CustomDetector"],"repo":"git@example.com:org/detector-plugin.git","ref":"v2.0.0"},"dev_plugin":{"provides":["Dev.Plugin.ExperimentalNode"],"path":"/workspace/my-plugin"}}}""";

    [Fact]
    public void ToJson_GitAndLocalEntry_IsTheWireContractsExampleByteForByte()
    {
        var manifest = new PluginManifest(
            new GitPlugin("custom_detector", "git@example.com:org/detector-plugin.git", "v2.0.0", "Detector.Plugin.CustomDetector"),
            new LocalPlugin("dev_plugin", "/workspace/my-plugin", "Dev.Plugin.ExperimentalNode"));

        manifest.ToJson().Should().Be(WireContractExample);
        manifest.ToUtf8Json().Should().Equal(System.Text.Encoding.UTF8.GetBytes(WireContractExample));
    }

    [Fact]
    public void ToJson_NoEntries_IsAnEmptyPluginsObject() =>
        new PluginManifest().ToJson().Should().Be("""{"plugins":{}}""");

    [Fact]
    public void ToJson_SeveralEntriesAndTypes_KeepTheirOrder()
    {
        var manifest = new PluginManifest(
            new LocalPlugin("zeta", "/p/z", "Z.B", "Z.A"),
            new GitPlugin("alpha", "https://git.example.com/a.git", "main", ["A.Second", "A.First"]));

        manifest.ToJson().Should().Be(
            """{"plugins":{"zeta":{"provides":["Z.B","Z.A"],"path":"/p/z"},"alpha":{"provides":["A.Second","A.First"],"repo":"https://git.example.com/a.git","ref":"main"}}}""");
    }

    [Fact]
    public void ToJson_QuotesBackslashesAndControlCharacters_AreEscapedAsJsonRequires()
    {
        var manifest = new PluginManifest(new LocalPlugin("odd", "/dir/with \"quotes\"\\and\ttab", "Odd.Node"));

        manifest.ToJson().Should().Be("""{"plugins":{"odd":{"provides":["Odd.Node"],"path":"/dir/with \"quotes\"\\and\ttab"}}}""");
    }

    [Fact]
    public void ToJson_UrlPunctuationAndNonAsciiText_StayLiteralAsPydanticWritesThem()
    {
        var manifest = new PluginManifest(
            new GitPlugin("web", "https://git.example.com/a+b.git?x=1&y=<2>'", "v1", "Web.Node"),
            new LocalPlugin("local", "/daten/spektren-grün", "Local.Node"));

        var json = manifest.ToJson();

        json.Should().Contain("\"https://git.example.com/a+b.git?x=1&y=<2>'\"").And.Contain("\"/daten/spektren-grün\"");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("plugins").GetProperty("local").GetProperty("path").GetString().Should().Be("/daten/spektren-grün");
    }

    [Fact]
    public void ToJson_DuplicateNames_AreWrittenAsGivenForTheServerToRefuse()
    {
        var manifest = new PluginManifest(new LocalPlugin("same", "/a", "A.Node"), new LocalPlugin("same", "/b", "B.Node"));

        manifest.ToJson().Should().Be("""{"plugins":{"same":{"provides":["A.Node"],"path":"/a"},"same":{"provides":["B.Node"],"path":"/b"}}}""");
    }

    [Fact]
    public void ToString_IsTheJson()
    {
        var manifest = new PluginManifest(new LocalPlugin("p", "/p", "P.Node"));

        manifest.ToString().Should().Be(manifest.ToJson());
    }

    [Fact]
    public void Equals_SameEntriesWithNewLists_IsValueEquality()
    {
        PluginEntry first = new GitPlugin("p", "https://h/r.git", "v1", new List<string> { "P.A", "P.B" });
        PluginEntry second = new GitPlugin("p", "https://h/r.git", "v1", "P.A", "P.B");

        second.Should().Be(first);
        second.GetHashCode().Should().Be(first.GetHashCode());
        new PluginManifest(first).Should().Be(new PluginManifest(second));
    }

    [Fact]
    public void Equals_DifferentKindOrValue_IsNotEqual()
    {
        var git = new GitPlugin("p", "/srv/p", "v1", "P.A");

        git.Should().NotBe(new GitPlugin("p", "/srv/p", "v2", "P.A"));
        git.Should().NotBe(new GitPlugin("p", "/srv/p", "v1", "P.A", "P.B"));
        ((PluginEntry)git).Should().NotBe(new LocalPlugin("p", "/srv/p", "P.A"));
        new PluginManifest(git, new LocalPlugin("q", "/q", "Q.A")).Should().NotBe(new PluginManifest(new LocalPlugin("q", "/q", "Q.A"), git));
    }

    [Fact]
    public void Provides_ListChangedAfterConstruction_DoesNotChangeTheEntry()
    {
        var types = new List<string> { "P.A" };
        var plugin = new LocalPlugin("p", "/p", types);

        types.Add("P.B");

        plugin.Provides.Should().Equal("P.A");
    }

    [Fact]
    public void Constructors_Null_AreRefusedWithTheParameterName()
    {
        FluentActions.Invoking(() => new GitPlugin(null!, "r", "v", "P.A")).Should().Throw<ArgumentNullException>().WithParameterName("name");
        FluentActions.Invoking(() => new GitPlugin("p", null!, "v", "P.A")).Should().Throw<ArgumentNullException>().WithParameterName("repo");
        FluentActions.Invoking(() => new GitPlugin("p", "r", null!, "P.A")).Should().Throw<ArgumentNullException>().WithParameterName("gitRef");
        FluentActions.Invoking(() => new LocalPlugin("p", null!, "P.A")).Should().Throw<ArgumentNullException>().WithParameterName("path");
        FluentActions.Invoking(() => new LocalPlugin("p", "/p", "P.A", null!)).Should().Throw<ArgumentException>()
            .WithParameterName("provides").WithMessage("*index 1*");
        FluentActions.Invoking(() => new PluginManifest(new LocalPlugin("p", "/p", "P.A"), null!)).Should().Throw<ArgumentException>()
            .WithParameterName("plugins");
    }
}
