namespace Cuvis.Sandbox.Supervisor.Workers;

/// <summary>What starts a worker: <c>dotnet Cuvis.Sandbox.Worker.dll</c>, or <see cref="WorkerOptions.Command"/> when set.</summary>
internal static class WorkerExecutable
{
    public static (string FileName, List<string> Arguments) Resolve(WorkerOptions options) =>
        string.IsNullOrEmpty(options.Command)
            ? (options.DotnetHost, [options.AssemblyPath])
            : (options.Command, []);
}
