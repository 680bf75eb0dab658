using System.ComponentModel.DataAnnotations;
using Cuvis.Sandbox.Supervisor.Plugins;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class PluginOptionsTests
{
    [Fact]
    public void Defaults_BoundSourcesAndManifests_AsDocumented()
    {
        var options = new PluginOptions();

        SourceLimits.From(options).Should().Be(new SourceLimits(MaxFiles: 10_000, MaxBytes: 256L * 1024 * 1024));
        options.MaxManifestEntries.Should().Be(64).And.Be(PluginOptions.DefaultMaxManifestEntries);
    }

    [Theory]
    [InlineData(nameof(PluginOptions.MaxSourceFiles))]
    [InlineData(nameof(PluginOptions.MaxSourceBytes))]
    [InlineData(nameof(PluginOptions.MaxManifestEntries))]
    public void Validate_ZeroLimit_IsRefusedAtStart(string property)
    {
        var options = new PluginOptions();
        var setter = typeof(PluginOptions).GetProperty(property)!;
        setter.SetValue(options, Convert.ChangeType(0, setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).Should().BeFalse();
        results.Should().ContainSingle().Which.MemberNames.Should().Equal(property);
    }
}
