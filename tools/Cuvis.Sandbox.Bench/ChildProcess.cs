using System.Diagnostics;
using System.Text;

namespace Cuvis.Sandbox.Bench;

/// <summary>The result of a command the bench ran to its end.</summary>
internal sealed record ChildResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>The last lines of what it printed, for an error message.</summary>
    public string Tail => string.Join(" / ", (Output + "\n" + Error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(8));
}

/// <summary>Runs git, dotnet and python to their end under a time limit, capturing their output.</summary>
internal static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        var elapsed = watch.Elapsed;
        return new ChildResult(process.ExitCode, await output, await error, elapsed);
    }

    /// <summary>Runs it and throws <see cref="InvalidOperationException"/> with its last lines when it fails.</summary>
    public static async Task<ChildResult> RunCheckedAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var list = arguments.ToArray();
        var result = await RunAsync(program, list, workingDirectory, timeout, environment);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException(new StringBuilder($"{program} {string.Join(' ', list)} exited with code {result.ExitCode}: ").Append(result.Tail).ToString());
    }
}
