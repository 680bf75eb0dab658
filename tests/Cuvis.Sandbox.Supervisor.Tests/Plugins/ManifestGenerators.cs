using CsCheck;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>Valid manifests of up to the default 64 entries, and the JSON that breaks their parser most often.</summary>
internal static class ManifestGenerators
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    private const string Digits = "0123456789";

    /// <summary>Any text JSON can carry, escapes and non-ASCII included (but no lone surrogates, which UTF-8 cannot).</summary>
    private static readonly Gen<string> AnyText = Gen.Select(
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Char["\"\\/\t\n\r\b\f\u0000\u001f äöü€\uFFFD"], Gen.Char[(char)0x20, (char)0xD7FF]), 1, 40],
        Gen.Bool,
        (text, emoji) => emoji ? text + "😀" : text);

    public static readonly Gen<string> Identifier =
        Gen.Select(Gen.Char[Letters], Gen.String[Gen.Char[Letters + Digits], 0, 16], (first, rest) => first + rest);

    private static readonly Gen<string> TypeName =
        Gen.Select(Identifier.Array[2, 4], parts => string.Join('.', parts));

    private static readonly Gen<string[]> Provides = TypeName.Array[1, 4];

    private static readonly Gen<Func<string, PluginSpec>> Spec = Gen.OneOf(
        Gen.Select(Provides, AnyText, AnyText, (provides, repo, gitRef) => (Func<string, PluginSpec>)(name => new GitPluginSpec(name, provides, repo, gitRef))),
        Gen.Select(Provides, AnyText, (provides, path) => (Func<string, PluginSpec>)(name => new LocalPluginSpec(name, provides, "/" + path))));

    public static readonly Gen<ManifestModel> Valid =
        Gen.Select(
                Gen.Frequency((4, Identifier.Array[0, 8]), (1, Identifier.Array[9, PluginOptions.DefaultMaxManifestEntries])),
                Gen.Bool,
                (names, indented) => (Names: names.Distinct(StringComparer.Ordinal).ToArray(), indented))
            .SelectMany(manifest => Gen.Select(
                Spec.Array[manifest.Names.Length],
                Gen.Shuffle(new[] { 0, 1, 2 }).Array[manifest.Names.Length],
                (specs, orders) => new ManifestModel(
                    [.. manifest.Names.Select((name, i) => specs[i](name))], manifest.indented, orders)));

    /// <summary>Tokens a fuzzer would splice into JSON: structure, escapes, the manifest's keys, extremes.</summary>
    public static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u0000", "\\ud800", "\\uDFFF", "null", "true", "1e999999999", "-0",
        "123456789012345678901234567890", "\"plugins\"", "\"provides\"", "\"repo\"", "\"ref\"", "\"path\"", "\"a.b\"",
        "/*", "//", "\uFEFF", "\u00e9",
    ];
}
