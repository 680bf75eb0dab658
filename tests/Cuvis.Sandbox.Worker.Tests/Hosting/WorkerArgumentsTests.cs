using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Tests.Hosting;

public sealed class WorkerArgumentsTests
{
    private static readonly string[] Valid =
        ["--endpoint", "unix:/sandbox/run/worker.sock", "--scratch-dir", "/sandbox/scratch", "--protocol", "1"];

    [Fact]
    public void Parse_RequiredArguments_FillsDefaultsForTheRest()
    {
        var arguments = WorkerArguments.Parse(Valid);

        arguments.Should().BeEquivalentTo(new WorkerArguments(
            "unix:/sandbox/run/worker.sock", "/sandbox/scratch", 1, 64 * 1024 * 1024, 0, WorkerArguments.DefaultReleaseMemoryQuietMilliseconds));
    }

    [Fact]
    public void Parse_OptionalArguments_AreRead()
    {
        var arguments = WorkerArguments.Parse([.. Valid, "--max-message-bytes", "1000", "--release-memory-after-bytes", "67108864"]);

        arguments.MaxMessageBytes.Should().Be(1000);
        arguments.ReleaseMemoryAfterBytes.Should().Be(64 * 1024 * 1024);
        WorkerArguments.Parse([.. Valid, "--release-memory-after-bytes", "0"]).ReleaseMemoryAfterBytes.Should().Be(0);
        WorkerArguments.Parse([.. Valid, "--release-memory-quiet-ms", "1500"]).ReleaseMemoryQuietPeriod.Should().Be(TimeSpan.FromMilliseconds(1500));
        var noQuiet = () => WorkerArguments.Parse([.. Valid, "--release-memory-quiet-ms", "0"]);
        noQuiet.Should().Throw<ArgumentException>().WithMessage("--release-memory-quiet-ms must be a positive integer, got '0'.");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("64MiB")]
    [InlineData("")]
    public void Parse_ReleaseMemoryAfterBytes_NotACount_IsRefused(string value)
    {
        var parse = () => WorkerArguments.Parse([.. Valid, "--release-memory-after-bytes", value]);

        parse.Should().Throw<ArgumentException>().WithMessage($"--release-memory-after-bytes must be 0 or a positive integer, got '{value}'.");
    }

    [Fact]
    public void Parse_ReadsNoSessionId_TheSessionIsBoundAtInitialize()
    {
        var parse = () => WorkerArguments.Parse([.. Valid, "--session-id", "s1"]);

        // Unknown names are not rejected one by one, but nothing reads them: the record has no session id.
        parse.Should().NotThrow();
        typeof(WorkerArguments).GetProperties().Select(p => p.Name).Should().NotContain("SessionId");
    }

    [Theory]
    [InlineData("--endpoint", "Missing --endpoint")]
    [InlineData("--scratch-dir", "Missing --scratch-dir")]
    [InlineData("--protocol", "Missing --protocol")]
    public void Parse_MissingArgument_NamesIt(string missing, string message)
    {
        var index = Array.IndexOf(Valid, missing);
        var args = Valid.Where((_, i) => i != index && i != index + 1).ToArray();

        var parse = () => WorkerArguments.Parse(args);

        parse.Should().Throw<ArgumentException>().WithMessage(message + "*");
    }

    [Theory]
    [InlineData("--endpoint", "tcp://x", "--endpoint must start with 'unix:' or 'pipe:'")]
    [InlineData("--scratch-dir", "relative/dir", "--scratch-dir must be an absolute path")]
    [InlineData("--protocol", "one", "--protocol must be a positive integer")]
    public void Parse_InvalidValue_NamesTheArgument(string name, string value, string message)
    {
        var args = (string[])Valid.Clone();
        args[Array.IndexOf(args, name) + 1] = value;

        var parse = () => WorkerArguments.Parse(args);

        parse.Should().Throw<ArgumentException>().WithMessage(message + "*");
    }

    [Fact]
    public void Parse_StrayArgument_IsRefusedWithUsage()
    {
        var parse = () => WorkerArguments.Parse([.. Valid, "stray"]);

        parse.Should().Throw<ArgumentException>().WithMessage("Unexpected argument 'stray'*usage:*");
    }
}
