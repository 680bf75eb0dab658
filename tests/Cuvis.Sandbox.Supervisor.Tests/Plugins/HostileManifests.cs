using System.Text;
using CsCheck;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

/// <summary>Manifests built to hurt a parser: deep nesting, huge numbers and strings, invalid UTF-8, duplicates, odd encodings.</summary>
internal static class HostileManifests
{
    private static readonly Gen<string> Name = ManifestGenerators.Identifier;

    private static readonly Gen<byte[]> DeepNesting =
        Gen.Select(Gen.Int[1, 5000], Gen.OneOf("[", "{\"a\":"), Gen.Bool, (depth, open, inEntry) =>
            Utf8((inEntry ? "{\"plugins\":{\"p\":{\"provides\":" : "") + string.Concat(Enumerable.Repeat(open, depth))));

    private static readonly Gen<byte[]> HugeNumber =
        Gen.Select(Gen.Int[1, 20000], Gen.OneOf("provides", "path", "repo", "plugins"), (digits, key) =>
            Utf8($"{{\"plugins\":{{\"p\":{{\"{key}\":{new string('9', digits)}e99999999}}}}}}"));

    // A key or string whose bytes are not UTF-8: JSON requires UTF-8.
    private static readonly Gen<byte[]> InvalidUtf8 =
        Gen.Select(Gen.OneOf<byte[]>([0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82]),
            Gen.Int[0, 4], byte[] (bad, where) =>
            {
                string[] templates =
                [
                    "{\"plugins\":{\"@\":{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}",
                    "{\"plugins\":{\"p\":{\"provides\":[\"A.@\"],\"path\":\"/x\"}}}",
                    "{\"plugins\":{\"p\":{\"provides\":[\"A.B\"],\"path\":\"/@\"}}}",
                    "{\"plugins\":{\"p\":{\"provides\":[\"A.B\"],\"@\":\"/x\"}}}",
                    "{\"@\":{}}",
                ];
                var parts = templates[where].Split('@');
                return [.. Utf8(parts[0]), .. bad, .. Utf8(parts[1])];
            });

    private static readonly Gen<byte[]> ManyEntries =
        Gen.Select(Gen.Int[60, 1000], count =>
            Utf8("{\"plugins\":{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}\":{{\"provides\":[\"A.B\"],\"path\":\"/p\"}}")) + "}}"));

    private static readonly Gen<byte[]> Duplicates =
        Gen.Select(Name, Gen.OneOf("plugins", "provides", "path", "repo", "ref"), (name, key) => key == "plugins"
            ? Utf8($"{{\"plugins\":{{\"{name}\":{{\"provides\":[\"A.B\"],\"path\":\"/a\"}}}},\"plugins\":{{}}}}")
            : Utf8($"{{\"plugins\":{{\"{name}\":{{\"provides\":[\"A.B\"],\"{key}\":\"/a\",\"{key}\":\"/b\"}}}}}}"));

    private static readonly Gen<byte[]> LongStrings =
        Gen.Select(Gen.Int[1, 50_000], Gen.Int[0, 2], (length, where) =>
        {
            var text = new string('x', length);
            return Utf8(where switch
            {
                0 => $"{{\"plugins\":{{\"{text}\":{{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}}}}",
                1 => $"{{\"plugins\":{{\"p\":{{\"provides\":[\"{text}\"],\"path\":\"/x\"}}}}}}",
                _ => $"{{\"{text}\":1}}",
            });
        });

    private static readonly Gen<byte[]> OtherEncodings =
        Gen.Select(Gen.OneOf("utf-16", "utf-32", "bom"), encoding =>
        {
            const string Json = "{\"plugins\":{\"p\":{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}";
            return encoding switch
            {
                "utf-16" => Encoding.Unicode.GetBytes(Json),
                "utf-32" => Encoding.UTF32.GetBytes(Json),
                _ => [.. Encoding.UTF8.Preamble, .. Utf8(Json)],
            };
        });

    private static readonly Gen<byte[]> EscapedSurrogates =
        Gen.Select(Gen.OneOf("\\ud800", "\\udfff", "\\ud800\\u0041", "\\u0000"), Gen.Int[0, 2], (escape, where) => Utf8(where switch
        {
            0 => $"{{\"plugins\":{{\"{escape}\":{{\"provides\":[\"A.B\"],\"path\":\"/x\"}}}}}}",
            1 => $"{{\"plugins\":{{\"p\":{{\"provides\":[\"A.{escape}\"],\"path\":\"/x\"}}}}}}",
            _ => $"{{\"plugins\":{{\"p\":{{\"provides\":[\"A.B\"],\"repo\":\"{escape}\",\"ref\":\"{escape}\"}}}}}}",
        }));

    public static readonly Gen<byte[]> All = Gen.OneOf(
        DeepNesting, HugeNumber, InvalidUtf8, ManyEntries, Duplicates, LongStrings, OtherEncodings, EscapedSurrogates);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
