using System.Text.Json;
using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Cli.Tests.Commands;

/// <summary>Command lines and their exit codes, where no server is needed (or none answers).</summary>
public sealed class CommandLineTests : IDisposable
{
    private const string NoServer = "http://127.0.0.1:1";
    private readonly string _directory = Directory.CreateTempSubdirectory("cuvis-cli-").FullName;

    [Fact]
    public async Task Help_ListsTheCommands_TheEnvironment_AndTheExitCodes()
    {
        var run = await CuvisRun.RunAsync("--help");

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Out.Should().Contain("nodes").And.Contain("plugins").And.Contain("run").And.Contain("cache").And.Contain("doctor")
            .And.Contain("CUVIS_SERVER").And.Contain("CUVIS_TOKEN").And.Contain("EXIT CODES:").And.Contain("130");
    }

    [Theory]
    [InlineData("run", "p.yaml", "--out", "o")]
    [InlineData("run", "p.yaml", "--cube", "c.npy")]
    [InlineData("run", "p.yaml", "--cube", "c.npy", "--out", "o", "--input", "nofile")]
    [InlineData("run", "p.yaml", "--cube", "c.npy", "--out", "o", "--input", "a=x.npy", "--input", "a=y.npy")]
    [InlineData("nodes", "--bogus")]
    [InlineData("nodes", "--timeout", "-1")]
    [InlineData("nodes", "--server", "ftp://example.com")]
    [InlineData("frobnicate")]
    [InlineData("plugins", "load")]
    public async Task AWrongCommandLine_IsAUsageError(params string[] args)
    {
        var run = await CuvisRun.RunAsync(args);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.Error);
        run.Error.Should().NotBeEmpty().And.NotContain("   at ", "no stack trace");
    }

    [Fact]
    public async Task AUsageError_WithJson_IsOneJsonDocumentOnStdout()
    {
        var run = await CuvisRun.RunAsync("run", "p.yaml", "--out", "o", "--json");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Out.Should().BeEmpty();
        var error = JsonDocument.Parse(run.Json).RootElement.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(ExitCodes.Usage);
        error.GetProperty("kind").GetString().Should().Be("usage");
        error.GetProperty("message").GetString().Should().Contain("--cube");
    }

    [Fact]
    public async Task AServerThatDoesNotAnswer_IsUnavailable_AndSaysHowToStartOne()
    {
        var run = await CuvisRun.RunAsync("nodes", "--server", NoServer);

        run.ExitCode.Should().Be(ExitCodes.Unavailable);
        run.Error.Should().Contain("UNAVAILABLE").And.Contain($"Is a server running at {NoServer}?").And.Contain("CUVIS_SERVER");
    }

    [Theory]
    [InlineData("nodes")]
    [InlineData("cache", "clear")]
    [InlineData("doctor")]
    public async Task AServerThatDoesNotAnswer_WithJson_IsAJsonErrorWithCode3_AndNothingElseOnStdout(params string[] command)
    {
        var run = await CuvisRun.RunAsync([.. command, "--server", NoServer, "--json"]);

        run.ExitCode.Should().Be(ExitCodes.Unavailable);
        run.Out.Should().BeEmpty();
        run.Error.Should().BeEmpty();
        var error = JsonDocument.Parse(run.Json).RootElement.GetProperty("error");
        (error.GetProperty("code").GetInt32(), error.GetProperty("kind").GetString(), error.GetProperty("status").GetString())
            .Should().Be((3, "unavailable", "UNAVAILABLE"));
    }

    [Fact]
    public async Task Run_AMissingPipeline_IsALocalFileError_BeforeAnyServerIsCalled()
    {
        var run = await CuvisRun.RunAsync("run", Path.Combine(_directory, "none.yaml"), "--cube", "c.npy", "--out", _directory, "--server", NoServer);

        run.ExitCode.Should().Be(ExitCodes.LocalFile);
        run.Error.Should().Contain($"{Path.Combine(_directory, "none.yaml")}: cannot read the pipeline: no such file");
    }

    [Fact]
    public async Task Run_ACubeTheWireCannotCarry_IsALocalFileErrorNamingTheFileAndTheFix()
    {
        var cube = Path.Combine(_directory, "cube.npy");
        await File.WriteAllBytesAsync(cube, Npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1, 1, 1), }", 4));

        var run = await CuvisRun.RunAsync("run", RepositoryFiles.PathOf("examples", "pipelines", "rx_sandiego_decisions.yaml"),
            "--cube", cube, "--out", _directory, "--server", NoServer);

        run.ExitCode.Should().Be(ExitCodes.LocalFile);
        run.Error.Should().Contain(cube).And.Contain("big-endian").And.Contain("a.astype('<f4')");
    }

    [Fact]
    public async Task Run_AnOutputDirectoryThatCannotBeMade_IsALocalFileError()
    {
        var blocker = Path.Combine(_directory, "file");
        await File.WriteAllTextAsync(blocker, "");

        var run = await CuvisRun.RunAsync("run", RepositoryFiles.PathOf("examples", "pipelines", "rx_sandiego_decisions.yaml"),
            "--cube", RepositoryFiles.PathOf("data", "hsi-anomaly", "sandiego_plane.gt.npy"), "--out", Path.Combine(blocker, "out"), "--server", NoServer);

        run.ExitCode.Should().Be(ExitCodes.LocalFile);
        run.Error.Should().Contain("cannot create the output directory");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Npy(string dictionary, int dataBytes)
    {
        var padded = dictionary.PadRight(((10 + dictionary.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)padded.Length, (byte)(padded.Length >> 8), .. System.Text.Encoding.ASCII.GetBytes(padded), .. new byte[dataBytes]];
    }
}
