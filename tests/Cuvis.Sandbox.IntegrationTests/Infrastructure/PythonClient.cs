using System.Diagnostics;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// Runs Python clients the way cuvis-ai users do: Debian's python3-grpcio with stubs generated
/// from protos/cuvis_ai_core.proto by protoc and grpc_python_plugin (./run.sh test installs them).
/// </summary>
internal static class PythonClient
{
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("CUVIS_TEST_PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    /// <summary>Generates cuvis_ai_core_pb2(_grpc).py into <paramref name="directory"/>.</summary>
    public static Task GenerateStubsAsync(string directory) =>
        GenerateAsync(Path.Combine(Artifacts.RepositoryRoot, "protos"), "cuvis_ai_core.proto", directory);

    /// <summary>
    /// Generates cuvis_ai_pb2(_grpc).py into <paramref name="directory"/> from tests/python/upstream/cuvis_ai.proto:
    /// a client's view with upstream's field names where ours differ.
    /// </summary>
    public static Task GenerateUpstreamStubsAsync(string directory) =>
        GenerateAsync(Path.Combine(Artifacts.RepositoryRoot, "tests", "python", "upstream"), "cuvis_ai.proto", directory);

    private static async Task GenerateAsync(string protos, string proto, string directory)
    {
        var result = await RunAsync("protoc",
            ["-I" + protos, "--python_out=" + directory, "--grpc_python_out=" + directory,
             "--plugin=protoc-gen-grpc_python=" + FindOnPath("grpc_python_plugin"),
             Path.Combine(protos, proto)]);
        result.ExitCode.Should().Be(0, "protoc must generate the stubs:\n" + result.Output);
    }

    public static Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments) =>
        RunAsync(Interpreter, [Path.Combine(Artifacts.RepositoryRoot, "tests", "python", script), .. arguments]);

    /// <summary>Runs examples/python/<paramref name="script"/>, a user-facing example that may run for up to <paramref name="timeout"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunExampleAsync(string script, TimeSpan timeout, params string[] arguments) =>
        RunAsync(Interpreter, [Path.Combine(Artifacts.RepositoryRoot, "examples", "python", script), .. arguments], timeout);

    private static string FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{program} is not installed (Debian: protobuf-compiler-grpc; ./run.sh test installs it).");

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
