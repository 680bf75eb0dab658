using System.ComponentModel.DataAnnotations;
using Cuvis.Sandbox.Supervisor.Hosting;

namespace Cuvis.Sandbox.Supervisor.Tests.Hosting;

public sealed class ServerOptionsTests
{
    [Fact]
    public void Defaults_BudgetTwoMessagesOfTheLargestSize() =>
        new ServerOptions().MaxInFlightRequestBytes.Should().Be(2L * new ServerOptions().MaxMessageBytes).And.Be(2L << 30);

    [Fact]
    public void Validate_BudgetEqualToTheLargestMessage_IsAccepted() =>
        Validate(new ServerOptions { MaxMessageBytes = 64 << 20, MaxInFlightRequestBytes = 64 << 20 }).Should().BeEmpty();

    [Fact]
    public void Validate_BudgetSmallerThanTheLargestMessage_NamesBothSettings()
    {
        var results = Validate(new ServerOptions { MaxMessageBytes = 64 << 20, MaxInFlightRequestBytes = (64 << 20) - 1 });

        var result = results.Should().ContainSingle().Which;
        result.MemberNames.Should().Equal(nameof(ServerOptions.MaxInFlightRequestBytes));
        result.ErrorMessage.Should().Contain("Server:MaxInFlightRequestBytes (67108863)").And.Contain("Server:MaxMessageBytes (67108864)");
    }

    [Fact]
    public void CommandLineSwitches_MaxInFlightBytes_MapsToTheSetting() =>
        CommandLineSwitches.Map["--max-in-flight-bytes"].Should().Be("Server:MaxInFlightRequestBytes");

    private static List<ValidationResult> Validate(ServerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
