using System.Text.Json.Nodes;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;

namespace Cuvis.Sandbox.Worker.PipelineTests.Schemas;

/// <summary>
/// For each parameter type, values the published schema takes and refuses (checked by JsonSchema.Net
/// against the real schema), and the binder's verdict on the same value: they agree.
/// </summary>
public sealed class ParameterTypeSchemaTests
{

    public static TheoryData<string, string, string, bool> Values => new()
    {
        // int: whole numbers in range, also written 5.0 or 1e3.
        { "ParamsNode", "count", "5", true },
        { "ParamsNode", "count", "-7", true },
        { "ParamsNode", "count", "5.0", true },
        { "ParamsNode", "count", "1e3", true },
        { "ParamsNode", "count", "2147483647", true },
        { "ParamsNode", "count", "-2147483648", true },
        { "ParamsNode", "count", "1.5", false },
        { "ParamsNode", "count", "2147483648", false },
        { "ParamsNode", "count", "-2147483649", false },
        { "ParamsNode", "count", "null", false },
        { "ParamsNode", "count", "true", false },
        { "ParamsNode", "count", "[1]", false },
        { "ParamsNode", "count", "{}", false },
        // long.
        { "ParamsNode", "big", "9223372036854775807", true },
        { "ParamsNode", "big", "-9223372036854775808", true },
        { "ParamsNode", "big", "9223372036854775808", false },
        { "ParamsNode", "big", "-9223372036854775809", false },
        // float: finite within ±float.MaxValue.
        { "ParamsNode", "band_a", "0.25", true },
        { "ParamsNode", "band_a", "3.4028234663852886e38", true },
        { "ParamsNode", "band_a", "-3.4028234663852886e38", true },
        { "ParamsNode", "band_a", "3.5e38", false },
        { "ParamsNode", "band_a", "-3.5e38", false },
        { "ParamsNode", "band_a", "null", false },
        { "ParamsNode", "band_a", "\"x\"", false },
        // double.
        { "ParamsNode", "min_wavelength", "1e308", true },
        { "ParamsNode", "min_wavelength", "-1e-300", true },
        { "ParamsNode", "min_wavelength", "null", false },
        { "ParamsNode", "min_wavelength", "[]", false },
        // bool.
        { "ParamsNode", "enabled", "true", true },
        { "ParamsNode", "enabled", "false", true },
        { "ParamsNode", "enabled", "1", false },
        { "ParamsNode", "enabled", "\"yes\"", false },
        { "ParamsNode", "enabled", "null", false },
        // string, not nullable.
        { "ParamsNode", "label", "\"any\"", true },
        { "ParamsNode", "label", "\"\"", true },
        { "ParamsNode", "label", "null", false },
        { "ParamsNode", "label", "[\"a\"]", false },
        { "ParamsNode", "label", "{}", false },
        // string?.
        { "ParamsNode", "note", "null", true },
        { "ParamsNode", "note", "\"x\"", true },
        // enum.
        { "ParamsNode", "mode", "\"MaxPool\"", true },
        { "ParamsNode", "mode", "\"Mean\"", true },
        { "ParamsNode", "mode", "\"Average\"", false },
        { "ParamsNode", "mode", "null", false },
        { "ParamsNode", "mode", "1", false },
        // int[]?.
        { "ParamsNode", "bands", "[1, 2, 3]", true },
        { "ParamsNode", "bands", "[]", true },
        { "ParamsNode", "bands", "null", true },
        { "ParamsNode", "bands", "[1.5]", false },
        { "ParamsNode", "bands", "[null]", false },
        { "ParamsNode", "bands", "[[1]]", false },
        { "ParamsNode", "bands", "3", false },
        { "ParamsNode", "bands", "\"1,2\"", false },
        // float?.
        { "ParamsNode", "scale", "null", true },
        { "ParamsNode", "scale", "2", true },
        { "ParamsNode", "scale", "1e39", false },
        // enum[]?.
        { "ParamsNode", "modes", "[\"Mean\", \"Median\"]", true },
        { "ParamsNode", "modes", "null", true },
        { "ParamsNode", "modes", "[\"Nope\"]", false },
        { "ParamsNode", "modes", "[null]", false },
        // byte, sbyte, short, ushort, uint, ulong: their ranges.
        { "OddParamsNode", "bin_count", "0", true },
        { "OddParamsNode", "bin_count", "255", true },
        { "OddParamsNode", "bin_count", "256", false },
        { "OddParamsNode", "bin_count", "-1", false },
        { "OddParamsNode", "offset", "-128", true },
        { "OddParamsNode", "offset", "127", true },
        { "OddParamsNode", "offset", "128", false },
        { "OddParamsNode", "offset", "-129", false },
        { "OddParamsNode", "tenths", "32767", true },
        { "OddParamsNode", "tenths", "32768", false },
        { "OddParamsNode", "tenths", "-32769", false },
        { "OddParamsNode", "window", "65535", true },
        { "OddParamsNode", "window", "65536", false },
        { "OddParamsNode", "window", "-1", false },
        { "OddParamsNode", "seed", "4294967295", true },
        { "OddParamsNode", "seed", "4294967296", false },
        { "OddParamsNode", "seed", "-1", false },
        { "OddParamsNode", "budget", "0", true },
        { "OddParamsNode", "budget", "18446744073709551615", true },
        { "OddParamsNode", "budget", "18446744073709551616", false },
        { "OddParamsNode", "budget", "-1", false },
        // enum?.
        { "OddParamsNode", "mode", "null", true },
        { "OddParamsNode", "mode", "\"Median\"", true },
        { "OddParamsNode", "mode", "\"Bogus\"", false },
        // int[][]?: inner arrays are not nullable.
        { "OddParamsNode", "ragged", "[[1], [2, 3]]", true },
        { "OddParamsNode", "ragged", "[[]]", true },
        { "OddParamsNode", "ragged", "[1]", false },
        { "OddParamsNode", "ragged", "[null]", false },
        // string?[]?: elements are.
        { "OddParamsNode", "labels", "[\"a\", null]", true },
        { "OddParamsNode", "labels", "null", true },
        { "OddParamsNode", "labels", "[[\"a\"]]", false },
        // decimal: no value can be set; DateTime?: only null.
        { "OddParamsNode", "money", "1.5", false },
        { "OddParamsNode", "money", "null", false },
        { "OddParamsNode", "money", "\"1.5\"", false },
        { "OddParamsNode", "when", "null", true },
        { "OddParamsNode", "when", "\"2020-01-01\"", false },
        // A C# keyword, an acronym, a params array.
        { "OddParamsNode", "checked", "false", true },
        { "OddParamsNode", "http_proxy", "\"http://proxy:3128\"", true },
        { "OddParamsNode", "extras", "[\"a\", \"b\"]", true },
        { "OddParamsNode", "extras", "[]", true },
        { "OddParamsNode", "extras", "null", false },
        // Keys: the listed one, and one no parameter has.
        { "OddParamsNode", "nope", "1", false },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Value_TheSchemaAndTheBinder_AgreeOnIt(string nodeClass, string key, string value, bool binds)
    {
        var parameters = Params(nodeClass, key, value);

        var (valid, errors) = TestSchemas.Evaluate(TestSchemas.Schema(nodeClass), parameters);
        var problems = TestSchemas.BindProblems(nodeClass, parameters);

        valid.Should().Be(binds, $"the schema should {(binds ? "take" : "refuse")} {key}: {value} ({errors})");
        problems.Should().HaveCount(binds ? 0 : 1, $"the binder should {(binds ? "bind" : "refuse")} {key}: {value}");
    }

    /// <summary>
    /// The binder reads a scalar by its text and matches keys and enum names ignoring case and
    /// underscores; the schema states the canonical form. These bind though the schema refuses
    /// them (README: Parameter schema): a schema-valid document always binds, not the reverse.
    /// </summary>
    [Theory]
    [InlineData("ParamsNode", "count", "\"5\"")]
    [InlineData("ParamsNode", "label", "42")]
    [InlineData("ParamsNode", "enabled", "\"true\"")]
    [InlineData("ParamsNode", "mode", "\"max_pool\"")]
    [InlineData("ParamsNode", "bandA", "1")]
    [InlineData("OddParamsNode", "binCount", "1")]
    [InlineData("OddParamsNode", "HTTPProxy", "\"x\"")]
    public void ScalarTextOrAnotherSpelling_Binds_ThoughTheSchemaStatesTheCanonicalForm(string nodeClass, string key, string value)
    {
        var parameters = Params(nodeClass, key, value, replaces: key switch { "bandA" => "band_a", "binCount" => "bin_count", _ => null });

        TestSchemas.Evaluate(TestSchemas.Schema(nodeClass), parameters).Valid.Should().BeFalse();
        TestSchemas.BindProblems(nodeClass, parameters).Should().BeEmpty();
    }

    /// <summary>The class's required params, then <paramref name="key"/> set to <paramref name="value"/> (in place of <paramref name="replaces"/>).</summary>
    private static string Params(string nodeClass, string key, string value, string? replaces = null)
    {
        var parameters = nodeClass == "ParamsNode" ? new JsonObject { ["band_a"] = 1, ["count"] = 1 } : new JsonObject { ["bin_count"] = 1 };
        if (replaces is not null)
        {
            parameters.Remove(replaces);
        }

        parameters[key] = JsonNode.Parse(value);
        return parameters.ToJsonString();
    }
}
