using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class WorkerExitTests
{
    [Theory]
    [InlineData(137, "SIGKILL")]
    [InlineData(143, "SIGTERM")]
    [InlineData(134, "SIGABRT")]
    [InlineData(139, "SIGSEGV")]
    public void Describe_DeathBySignal_NamesTheSignalAndTheCode(int code, string signal)
    {
        var exit = new WorkerExit(code, Expected: false);

        exit.Signal.Should().Be(signal);
        exit.Describe().Should().Contain($"was killed by signal {signal}").And.Contain($"exit code {code}");
    }

    [Fact]
    public void Describe_KilledByTheSupervisorForAHungCall_GivesTheReasonInsteadOfTheSignal()
    {
        var exit = new WorkerExit(137, Expected: false, KilledFor: "Inference was still running 5 s after its deadline");

        exit.Describe().Should().Be("was killed by the supervisor because Inference was still running 5 s after its deadline");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(250)]
    public void Describe_OrdinaryExit_GivesTheCode(int code)
    {
        var exit = new WorkerExit(code, Expected: false);

        exit.Signal.Should().BeNull();
        exit.Describe().Should().Be($"exited with code {code}");
    }

    [Fact]
    public void Describe_UnknownCode_SaysWhy() =>
        new WorkerExit(null, Expected: false).Describe().Should().Contain("exit code unknown");
}
