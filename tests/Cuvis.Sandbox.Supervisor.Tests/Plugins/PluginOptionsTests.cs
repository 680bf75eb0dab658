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

    [Fact]
    public void Defaults_BoundTheCacheBuildsAndPluginsPerSession_AsDocumented()
    {
        var options = new PluginOptions();

        options.CacheSizeLimitBytes.Should().Be(10L * 1024 * 1024 * 1024);
        options.MaxConcurrentBuilds.Should().Be(2);
        options.MaxPluginsPerSession.Should().Be(32);
    }

    [Fact]
    public void Validate_CacheSizeLimitZero_MeansUnlimitedAndIsAccepted()
    {
        var options = new PluginOptions { CacheSizeLimitBytes = 0 };

        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true).Should().BeTrue();
    }

    [Theory]
    [InlineData(nameof(PluginOptions.CacheSizeLimitBytes), -1, "Plugins:CacheSizeLimitBytes must be 0 (no limit) or a positive number of bytes.")]
    [InlineData(nameof(PluginOptions.MaxConcurrentBuilds), 0, "Plugins:MaxConcurrentBuilds must be between 1 and 1024.")]
    [InlineData(nameof(PluginOptions.MaxPluginsPerSession), 0, "Plugins:MaxPluginsPerSession must be between 1 and 100000.")]
    public void Validate_OutOfRange_IsRefusedNamingTheSetting(string property, int value, string message)
    {
        var options = new PluginOptions();
        var setter = typeof(PluginOptions).GetProperty(property)!;
        setter.SetValue(options, Convert.ChangeType(value, setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).Should().BeFalse();
        results.Should().ContainSingle().Which.ErrorMessage.Should().Be(message);
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
