using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class PluginManifestParserEncodingTests
{
    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Parse_InvalidUtf8InANameOrAValue_RefusesTheManifestSayingSo(byte[] invalid)
    {
        // System.Text.Json let such bytes through to GetString, which threw InvalidOperationException:
        // the whole LoadPlugins call failed as INTERNAL.
        byte[][] manifests =
        [
            [.. "{\"plugins\": {\"p"u8, .. invalid, .. "\": {\"provides\": [\"A.B\"], \"path\": \"/x\"}}}"u8],
            [.. "{\"plugins\": {\"p\": {\"provides\": [\"A.B\"], \"path\": \"/x"u8, .. invalid, .. "\"}}}"u8],
        ];

        foreach (var manifest in manifests)
        {
            var parse = () => PluginManifestParser.Parse(manifest);

            parse.Should().Throw<InvalidManifestException>().Which.Message.Should()
                .StartWith("Invalid plugin manifest: not valid UTF-8; send the manifest's JSON encoded as UTF-8.");
        }
    }
}
