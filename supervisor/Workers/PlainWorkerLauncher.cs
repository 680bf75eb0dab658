using System.Collections;
using System.Globalization;
using Cuvis.Sandbox.Protos;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>
/// Starts the worker as a plain child process (<c>dotnet Cuvis.Sandbox.Worker.dll</c>, or
/// <see cref="WorkerOptions.Command"/>) with a scrubbed environment. The worker arms its own
/// parent-death signal and stdin end-of-file watch.
/// </summary>
internal sealed class DotnetWorkerLauncher(IOptions<WorkerOptions> options) : IWorkerLauncher
{
    // Inherited variables a worker may see; everything else (credentials, our own CUVIS_*
    // settings, ASPNETCORE_URLS, ...) is removed.
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "DOTNET_ROOT"];

    private readonly WorkerOptions _options = options.Value;

    public string Describe() => string.IsNullOrEmpty(_options.Command)
        ? $"plain process: {_options.DotnetHost} {_options.AssemblyPath}"
        : $"plain process: {_options.Command}";

    public WorkerCommand CreateCommand(WorkerLaunchSpec spec)
    {
        List<string> arguments =
        [
            "--session-id", spec.SessionId,
            "--endpoint", spec.Endpoint.Address,
            "--session-dir", spec.SessionDirectory,
            "--protocol", WorkerProtocol.Version.ToString(CultureInfo.InvariantCulture),
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--max-message-bytes", spec.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
        ];

        var fileName = _options.Command;
        if (string.IsNullOrEmpty(fileName))
        {
            fileName = _options.DotnetHost;
            arguments.Insert(0, _options.AssemblyPath);
        }

        return new WorkerCommand(fileName, arguments, CreateEnvironment(spec), spec.SessionDirectory);
    }

    private Dictionary<string, string?> CreateEnvironment(WorkerLaunchSpec spec)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!InheritedVariables.Contains(name, StringComparer.Ordinal))
            {
                environment[name] = null;
            }
        }

        environment["TMPDIR"] = Path.Combine(spec.SessionDirectory, "scratch");
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in _options.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
