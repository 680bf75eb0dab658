using System.ComponentModel.DataAnnotations;
using Cuvis.Sandbox.Supervisor.Containment;

namespace Cuvis.Sandbox.Supervisor.Tests.Containment;

public sealed class ContainmentOptionsTests
{
    [Fact]
    public void Defaults_TurnEveryLayerOn()
    {
        var options = new ContainmentOptions();

        options.Profile.Should().Be(ContainmentProfile.Strict);
        options.SeparateUids.Should().BeTrue();
        options.Cgroups.Should().BeTrue();
        options.Seccomp.Should().BeTrue();
        Validate(options).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Validate_LayerSwitchesUnderStrict_AreAccepted(bool separateUids, bool cgroups)
    {
        var options = new ContainmentOptions { SeparateUids = separateUids, Cgroups = cgroups, Seccomp = false };

        Validate(options).Should().BeEmpty("the bench measures the strict profile one layer at a time");
    }

    [Theory]
    [InlineData(nameof(ContainmentOptions.SeparateUids))]
    [InlineData(nameof(ContainmentOptions.Cgroups))]
    public void Validate_LayerSwitchUnderProfileNone_IsRefusedNamingTheSettingAndTheFix(string property)
    {
        var options = new ContainmentOptions { Profile = ContainmentProfile.None };
        typeof(ContainmentOptions).GetProperty(property)!.SetValue(options, false);

        var message = Validate(options).Should().ContainSingle().Which;

        message.Should().StartWith($"Containment:{property}=false takes one layer out of the strict profile, but Containment:Profile is none")
            .And.Contain($"Remove Containment:{property}, or set Containment:Profile=strict");
    }

    [Fact]
    public void Validate_BothSwitchesUnderProfileNone_NamesEach()
    {
        var options = new ContainmentOptions { Profile = ContainmentProfile.None, SeparateUids = false, Cgroups = false };

        Validate(options).Should().HaveCount(2)
            .And.Contain(m => m.StartsWith("Containment:SeparateUids=false", StringComparison.Ordinal))
            .And.Contain(m => m.StartsWith("Containment:Cgroups=false", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ProfileNoneWithTheSwitchesAtTheirDefaults_IsAccepted()
    {
        Validate(new ContainmentOptions { Profile = ContainmentProfile.None }).Should().BeEmpty();
    }

    private static List<string> Validate(ContainmentOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
