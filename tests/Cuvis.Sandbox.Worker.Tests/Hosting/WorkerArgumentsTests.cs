using Cuvis.Sandbox.Worker.Hosting;

namespace Cuvis.Sandbox.Worker.Tests.Hosting;

public sealed class WorkerArgumentsTests
{
    private static readonly string[] Valid =
        ["--session-id", "s1", "--endpoint", "unix:/tmp/a/worker.sock", "--session-dir", "/tmp/a", "--protocol", "1"];

    [Fact]
    public void Parse_RequiredArguments_FillsDefaultsForTheRest()
    {
        var arguments = WorkerArguments.Parse(Valid);

        arguments.Should().BeEquivalentTo(new WorkerArguments("s1", "unix:/tmp/a/worker.sock", "/tmp/a", 1, null, 64 * 1024 * 1024));
        arguments.ScratchDirectory.Should().Be("/tmp/a/scratch");
    }

    [Fact]
    public void Parse_OptionalArguments_AreRead()
    {
        var arguments = WorkerArguments.Parse([.. Valid, "--parent-pid", "77", "--max-message-bytes", "1000"]);

        arguments.ParentProcessId.Should().Be(77);
        arguments.MaxMessageBytes.Should().Be(1000);
    }

    [Theory]
    [InlineData("--session-id", "Missing --session-id")]
    [InlineData("--endpoint", "Missing --endpoint")]
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
    [InlineData("--session-dir", "relative/dir", "--session-dir must be an absolute path")]
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
