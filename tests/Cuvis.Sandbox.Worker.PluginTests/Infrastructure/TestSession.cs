using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Worker.Hosting;
using Cuvis.Sandbox.Worker.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Worker.PluginTests.Infrastructure;

/// <summary>The worker-side objects of one session, as a worker process would hold them.</summary>
internal sealed class TestSession
{
    public static readonly WorkerArguments Arguments =
        new("test-session", "unix:/tmp/cwp-test/worker.sock", "/tmp/cwp-test", WorkerProtocol.Version, null, 64 * 1024 * 1024);

    public PluginRegistry Registry { get; } = new();

    public PluginLoader CreateLoader() => new(Registry, Arguments, NullLogger<PluginLoader>.Instance);
}
